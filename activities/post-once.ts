/**
 * Posting a Slack message that buttons hang off (an approval request, an extension) once, however often its
 * activity is retried. Slack has no idempotency key, so the posted message's reference is recorded with a
 * heartbeat; a retry after a crash finds it and returns it instead of posting a second copy whose buttons would
 * stay live. Only a crash between Slack's answer and the heartbeat reaching Temporal can still post twice.
 */
import { Context } from '@temporalio/activity';
import type { MessageRef } from '../workflows/types';

interface Posted {
  posted: MessageRef;
}

function isPosted(details: unknown): details is Posted {
  const posted = (details as Partial<Posted> | undefined)?.posted;
  return typeof posted?.channel === 'string' && typeof posted.ts === 'string';
}

export async function postOnce(post: () => Promise<MessageRef>): Promise<MessageRef> {
  const context = Context.current();
  const done = context.info.heartbeatDetails as unknown;
  if (isPosted(done)) return done.posted;
  const posted = await post();
  context.heartbeat({ posted } satisfies Posted);
  return posted;
}
