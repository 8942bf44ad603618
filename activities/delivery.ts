/**
 * Delivery: the one-time Reveal offer to the requester, and the DM saying where it is. Slack has no idempotency
 * key, so the posted offer is recorded with a heartbeat and a retry after a crash does not post it again; only a
 * crash between Slack's answer and that heartbeat reaching Temporal can still repeat the offer, and even then the
 * key reveals once.
 */
import { Context } from '@temporalio/activity';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { DeliveryChannel, DeliveryInput } from '../workflows/activity-contract';
import type { Notice } from '../workflows/notices';
import { directMessageChannel } from './direct-message';
import { mapFailures, slackErrorCode } from './failures';
import type { MessageViews } from './views';

/** What the heartbeat records once the offer is posted. */
interface OfferProgress {
  offered: DeliveryChannel;
}

const NOT_IN_CHANNEL = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived']);

export function createDeliveryActivities({
  slack,
  logger,
  views,
}: {
  slack: WebClient;
  logger: Logger;
  views: MessageViews;
}) {
  const directMessage = (userId: string) => directMessageChannel(slack, userId);

  /** Ephemeral where they asked, else ephemeral in their DM with the bot. */
  async function postOffer(input: DeliveryInput): Promise<DeliveryChannel> {
    const { request } = input;
    const handle = { credentialId: input.credentialId, generationId: input.generationId };
    const message = views.deliveryOffer(request, handle, input.expiresAt, input.revealBy);
    const user = request.requester.userId;
    try {
      await slack.chat.postEphemeral({ channel: request.requester.channelId, user, ...message });
      return 'request_channel';
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !NOT_IN_CHANNEL.has(code)) throw error;
      logger.info({ requestId: request.requestId, slackError: code }, 'delivery falls back to direct message');
      await slack.chat.postEphemeral({ channel: await directMessage(user), user, ...message });
      return 'direct_message';
    }
  }

  /** Failing this DM must not repeat the offer, so it is logged, never thrown. */
  async function noticeOffer(input: DeliveryInput): Promise<void> {
    const { request } = input;
    const notice: Notice = {
      kind: 'delivered',
      request,
      channelId: request.requester.channelId,
      revealBy: input.revealBy,
      rotated: input.generationId !== input.credentialId,
    };
    await directMessage(request.requester.userId)
      .then((channel) => slack.chat.postMessage({ channel, text: views.noticeText(notice) }))
      .catch((error: unknown) => logger.warn({ err: error, requestId: request.requestId }, 'delivery DM failed'));
  }

  return {
    /** Offers the requester a one-time reveal, once per activity however often it is retried (see above). */
    deliverCredential: mapFailures(async (input: DeliveryInput): Promise<DeliveryChannel> => {
      const context = Context.current();
      const done = context.info.heartbeatDetails as OfferProgress | undefined;
      const channel = done?.offered ?? (await postOffer(input));
      if (!done) context.heartbeat({ offered: channel } satisfies OfferProgress);
      if (channel === 'request_channel' && !input.noticeSeparately) await noticeOffer(input);
      return channel;
    }),

    /** The DM (without the key) saying where the offer is: ephemeral messages vanish on reload. */
    noticeDelivery: mapFailures((input: DeliveryInput): Promise<void> => noticeOffer(input)),
  };
}
