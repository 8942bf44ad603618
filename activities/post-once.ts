/**
 * Posting a Slack message that buttons hang off (an approval request, an extension) once, however often its
 * activity is retried. Slack's `chat.postMessage` has no idempotency key, so two records make it exactly once:
 *
 * - the posted message's reference goes into a heartbeat, so a retry after most crashes returns it at once;
 * - the message carries Slack message metadata naming the activity that posted it (event type
 *   `keywarden_post`), so a retry whose heartbeat never reached Temporal (a crash between Slack accepting the
 *   post and the heartbeat leaving the worker) finds the message in the channel's history
 *   (`conversations.history` with `include_all_metadata`) instead of posting a second copy with live buttons.
 *
 * Only a retry looks up the history, and only since the activity was first scheduled, so a first post costs
 * nothing extra and the look-up stays small.
 */
import { Context } from '@temporalio/activity';
import type { WebClient } from '@slack/web-api';
import type { MessageRef } from '../workflows/types';
import { slackErrorCode } from './failures';

/** The metadata event type of messages posted through `postOnce`. */
export const POST_EVENT_TYPE = 'keywarden_post';

/** What Slack stores with the message: only the posting activity's identity, never request content. */
export interface PostMetadata {
  event_type: typeof POST_EVENT_TYPE;
  event_payload: { post_key: string };
}

interface Posted {
  posted: MessageRef;
}

/** Slack timestamps and Temporal's clock may differ a little; look a minute further back than needed. */
const CLOCK_SLACK_SECONDS = 60;
const HISTORY_PAGE = 200;
/** Enough for any approval channel's traffic since one activity was scheduled; a bound, not an expectation. */
const MAX_HISTORY_PAGES = 20;

function isPosted(details: unknown): details is Posted {
  const posted = (details as Partial<Posted> | undefined)?.posted;
  return typeof posted?.channel === 'string' && typeof posted.ts === 'string';
}

/** One activity, whatever its attempt: the same key on every retry, a new one for every scheduled activity. */
function postKeyOf(context: Context): string {
  const { workflowExecution, activityId } = context.info;
  return `${workflowExecution?.workflowId ?? ''}/${workflowExecution?.runId ?? ''}/${activityId}`;
}

/** The message an earlier attempt of this activity posted to `channel`, if Slack has it. */
export async function findPosted(
  slack: WebClient,
  channel: string,
  postKey: string,
  sinceMs: number,
): Promise<MessageRef | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const answer = await slack.conversations.history({
      channel,
      oldest: String(Math.floor(sinceMs / 1000) - CLOCK_SLACK_SECONDS),
      include_all_metadata: true,
      limit: HISTORY_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    const found = answer.messages?.find(
      (m) => m.metadata?.event_type === POST_EVENT_TYPE && postKeyIn(m.metadata.event_payload) === postKey,
    );
    if (found?.ts) return { channel, ts: found.ts };
    cursor = answer.response_metadata?.next_cursor;
    if (!answer.has_more || !cursor) return undefined;
  }
  return undefined;
}

/** The `post_key` of a metadata payload (typed `{}` by the Web API client). */
function postKeyIn(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'post_key' in payload ? payload.post_key : undefined;
}

/** Posts with `post` (given the metadata to attach) unless an earlier attempt of this activity already did. */
export async function postOnce(
  slack: WebClient,
  channel: string,
  post: (metadata: PostMetadata) => Promise<MessageRef>,
): Promise<MessageRef> {
  const context = Context.current();
  const done = context.info.heartbeatDetails as unknown;
  if (isPosted(done)) return done.posted;
  const postKey = postKeyOf(context);
  const earlier = context.info.attempt > 1 ? await lookUp(context, slack, channel, postKey) : undefined;
  const posted = earlier ?? (await post({ event_type: POST_EVENT_TYPE, event_payload: { post_key: postKey } }));
  context.heartbeat({ posted } satisfies Posted);
  return posted;
}

/**
 * A look-up Slack refuses (a scope missing on an old install, which the doctor reports) must not block the
 * approval itself: it posts, as before metadata, at the risk of a second copy. Outages throw, and are retried.
 */
async function lookUp(context: Context, slack: WebClient, channel: string, postKey: string) {
  try {
    return await findPosted(slack, channel, postKey, context.info.scheduledTimestampMs);
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    context.log.warn('could not look for an earlier copy of a message; posting it', { slackError: code, channel });
    return undefined;
  }
}
