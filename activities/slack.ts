/**
 * Slack side effects of the workflows: the approval message, its thread, DMs, admin alerts and the private
 * delivery of secrets. Every call fails fast; Temporal owns retries (see `failures.ts`).
 */
import type { WebClient } from '@slack/web-api';
import type { CredentialRequest, ExtensionRequest, MessageRef, RequestState } from '../workflows/types';
import type { Notice, ProgressNote } from '../workflows/notices';
import { directMessageChannel } from './direct-message';
import { mapFailures } from './failures';
import { postOnce, type PostMetadata } from './post-once';
import type { MessageViews, SlackMessage } from './views';

export interface SlackActivityDeps {
  slack: WebClient;
  views: MessageViews;
}

export function createSlackActivities({ slack, views }: SlackActivityDeps) {
  const directMessage = (userId: string) => directMessageChannel(slack, userId);

  /** Posts `message` in the request's approval channel once, however often the activity is retried. */
  function postInApprovalChannel(request: CredentialRequest, message: SlackMessage): Promise<MessageRef> {
    const channel = request.policy.approvalChannel;
    return postOnce(slack, channel, async (metadata: PostMetadata) => {
      const posted = await slack.chat.postMessage({ channel, ...message, metadata });
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage returned no message reference');
      return { channel: posted.channel, ts: posted.ts };
    });
  }

  return {
    /** Posts the approval request once, however often the activity is retried (see `post-once.ts`). */
    postApprovalRequest: mapFailures((request: CredentialRequest, state: RequestState): Promise<MessageRef> =>
      postInApprovalChannel(request, views.approvalMessage(request, state)),
    ),

    updateApprovalMessage: mapFailures(async (request: CredentialRequest, state: RequestState): Promise<void> => {
      if (!state.approvalMessage) return;
      await slack.chat.update({ ...state.approvalMessage, ...views.approvalMessage(request, state) });
    }),

    /** A progress line in the approval message's thread. */
    postProgress: mapFailures(async (message: MessageRef, note: ProgressNote): Promise<void> => {
      await slack.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text: views.progressText(note) });
    }),

    notify: mapFailures(async (userId: string, notice: Notice): Promise<void> => {
      await slack.chat.postMessage({ channel: await directMessage(userId), text: views.noticeText(notice) });
    }),

    alertAdmins: mapFailures(async (request: CredentialRequest, text: string): Promise<void> => {
      const who = request.policy.admins.map((id) => `<@${id}>`).join(' ');
      await slack.chat.postMessage({
        channel: request.policy.approvalChannel,
        text: `:rotating_light: ${who} ${text}`.trim(),
      });
    }),

    /** Posts (or, given `ref`, updates in place) an extension waiting for approval. */
    postExtension: mapFailures(
      async (request: CredentialRequest, extension: ExtensionRequest, ref?: MessageRef): Promise<MessageRef> => {
        const message = views.extensionMessage(request, extension);
        if (ref) {
          await slack.chat.update({ ...ref, ...message });
          return ref;
        }
        return postInApprovalChannel(request, message);
      },
    ),

    /** Reminds the owner before expiry, with Rotate now / Extend / Let it expire. */
    remindOwner: mapFailures(
      async (input: { credentialId: string; request: CredentialRequest; expiresAt: string }): Promise<void> => {
        const message = views.reminderMessage(input.request, input.credentialId, input.expiresAt);
        await slack.chat.postMessage({ channel: await directMessage(input.request.requester.userId), ...message });
      },
    ),
  };
}
