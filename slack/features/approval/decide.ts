/**
 * Recording a decision. The workflow's update validator is the authority on who may decide; the bot adds the
 * approver group it found the clicker in (the validator cannot call Slack) and relays the answer.
 */
import { closedMessage } from '../../../workflows/approval-rules';
import { approverGroupsQuery, DECISION_REFUSED, decideUpdate, requestStateQuery } from '../../../workflows/messages';
import type { Decision } from '../../../workflows/types';
import type { BotContext } from '../../context';
import { notAcceptedText, sendUpdate } from '../../shared/round-trip';

/**
 * Adds the approver group through which the clicker may decide, checked now against Slack: membership may have
 * changed since the request was made.
 */
export async function withGroup(ctx: BotContext, workflowId: string, decision: Decision): Promise<Decision> {
  const groups = await ctx.temporal.workflow
    .getHandle(workflowId)
    .query(approverGroupsQuery)
    .catch(() => [] as string[]);
  const viaGroup = groups.length > 0 ? await ctx.groups.groupOf(decision.userId, groups) : undefined;
  return viaGroup ? { ...decision, viaGroup } : decision;
}

/**
 * Records a decision and tells the clicker only when it did not count (refused, closed, or Temporal unreachable);
 * a decision that counts shows in the approval message itself.
 */
export async function decide(
  ctx: BotContext,
  workflowId: string,
  asked: Decision,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const decision = withGroup(ctx, workflowId, asked);
  const audit = { workflowId, approver: asked.userId, decision: asked.kind };
  const outcome = await sendUpdate(
    ctx,
    {
      workflowId,
      update: decideUpdate,
      arg: decision,
      refusalType: DECISION_REFUSED,
      refusedEvent: 'request.decision_refused',
      audit,
    },
    () => tell(STILL_DECIDING),
  );
  if (outcome.kind === 'accepted') {
    const { viaGroup } = await decision;
    ctx.logger.info({ ...audit, ...(viaGroup ? { viaGroup } : {}) }, 'decision recorded');
    return;
  }
  const gone = outcome.kind === 'gone' ? await closedRequestMessage(ctx, workflowId) : '';
  if (gone) ctx.logger.info({ event: 'request.decision_refused', ...audit, refused: gone }, 'decision refused');
  await tell(notAcceptedText(outcome, gone));
}

const STILL_DECIDING =
  ':hourglass_flowing_sand: Keywarden is still recording your decision; you will be told here if it does not count.';

/** A finished workflow accepts no updates; a request's final state (still queryable) says how it ended. */
async function closedRequestMessage(ctx: BotContext, workflowId: string): Promise<string> {
  if (!workflowId.startsWith('request-')) return 'This is already decided; nothing was changed.';
  try {
    return closedMessage(await ctx.temporal.workflow.getHandle(workflowId).query(requestStateQuery));
  } catch {
    return 'This request no longer exists.';
  }
}
