/**
 * Approve and Deny. The workflow's update validator is the authority on who may decide; the bot relays its
 * answer. Refusals go back to the clicker alone (ephemeral) and change nothing.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { closedMessage } from '../../workflows/approval-rules';
import {
  approverGroupsQuery,
  DECISION_REFUSED,
  decideUpdate,
  decisionRefusalQuery,
  requestStateQuery,
} from '../../workflows/messages';
import type { Decision } from '../../workflows/types';
import type { BotContext } from '../context';
import { APPROVE_ACTION, DENY_ACTION } from '../views/approval';
import { DENY_MODAL, denyModal, type DenyModalMetadata } from '../views/deny-modal';
import { UNAVAILABLE } from '../views/errors';

/**
 * Adds the approver group through which the clicker may decide, checked now against Slack: the workflow
 * cannot call Slack from its validator, and membership may have changed since the request was made.
 */
async function withGroup(ctx: BotContext, workflowId: string, decision: Decision): Promise<Decision> {
  const groups = await ctx.temporal.workflow
    .getHandle(workflowId)
    .query(approverGroupsQuery)
    .catch(() => [] as string[]);
  const viaGroup = groups.length > 0 ? await ctx.groups.groupOf(decision.userId, groups) : undefined;
  return viaGroup ? { ...decision, viaGroup } : decision;
}

/** Records a decision; returns why it was refused, or undefined when it counted. */
async function decide(ctx: BotContext, workflowId: string, asked: Decision): Promise<string | undefined> {
  const decision = await withGroup(ctx, workflowId, asked);
  try {
    await ctx.temporal.workflow.getHandle(workflowId).executeUpdate(decideUpdate, { args: [decision] });
    ctx.logger.info(
      {
        workflowId,
        approver: decision.userId,
        decision: decision.kind,
        ...(decision.viaGroup ? { viaGroup: decision.viaGroup } : {}),
      },
      'decision recorded',
    );
    return undefined;
  } catch (error) {
    const refusal =
      error instanceof WorkflowNotFoundError ? await closedRequestMessage(ctx, workflowId) : refusalMessage(error);
    if (refusal === undefined) throw error;
    ctx.logger.info(
      { event: 'request.decision_refused', workflowId, approver: decision.userId, decision: decision.kind, refusal },
      'decision refused',
    );
    return refusal;
  }
}

/** The user-facing reason when Temporal refused the decision; undefined for infrastructure failures. */
function refusalMessage(error: unknown): string | undefined {
  if (error instanceof WorkflowNotFoundError) return 'This request no longer exists.';
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause as { type?: string; message?: string } | undefined;
    if (cause?.type === DECISION_REFUSED && cause.message) return cause.message;
  }
  return undefined;
}

/** A finished workflow accepts no updates; a request's final state (still queryable) says how it ended. */
async function closedRequestMessage(ctx: BotContext, workflowId: string): Promise<string> {
  if (!workflowId.startsWith('request-')) return 'This is already decided; nothing was changed.';
  try {
    return closedMessage(await ctx.temporal.workflow.getHandle(workflowId).query(requestStateQuery));
  } catch {
    return 'This request no longer exists.';
  }
}

async function tellClicker(client: WebClient, channel: string, user: string, text: string): Promise<void> {
  await client.chat.postEphemeral({ channel, user, text: `:no_entry_sign: ${text}` });
}

export function registerDecisionActions(app: App, ctx: BotContext): void {
  app.action<BlockButtonAction>(APPROVE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? ctx.catalog.policies.approvals.channel;
    try {
      const refusal = await decide(ctx, action.value ?? '', { kind: 'approve', userId: body.user.id });
      if (refusal) await tellClicker(client, channel, body.user.id, refusal);
    } catch (error) {
      ctx.logger.error({ err: error }, 'approve failed');
      await client.chat.postEphemeral({ channel, user: body.user.id, text: UNAVAILABLE });
    }
  });

  app.action<BlockButtonAction>(DENY_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const workflowId = action.value ?? '';
    const channel = body.channel?.id ?? ctx.catalog.policies.approvals.channel;
    try {
      // Check before asking for a reason, so an ineligible approver is told at once rather than after typing one.
      const asked = await withGroup(ctx, workflowId, { kind: 'deny', userId: body.user.id, reason: 'pending' });
      const refusal = await ctx.temporal.workflow.getHandle(workflowId).query(decisionRefusalQuery, asked);
      if (refusal) {
        await tellClicker(client, channel, body.user.id, refusal);
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: denyModal({ workflowId, channelId: channel }) });
    } catch (error) {
      const refusal = refusalMessage(error);
      if (refusal) return tellClicker(client, channel, body.user.id, refusal);
      ctx.logger.error({ err: error }, 'deny failed');
      await client.chat.postEphemeral({ channel, user: body.user.id, text: UNAVAILABLE });
    }
  });

  app.view(DENY_MODAL, async ({ ack, view, body, client }) => {
    const metadata = JSON.parse(view.private_metadata) as DenyModalMetadata;
    const reason = view.state.values.reason?.value?.value?.trim() ?? '';
    if (!reason) {
      await ack({ response_action: 'errors', errors: { reason: 'Give a reason; the requester will see it.' } });
      return;
    }
    await ack();
    try {
      const refusal = await decide(ctx, metadata.workflowId, { kind: 'deny', userId: body.user.id, reason });
      if (refusal) await tellClicker(client, metadata.channelId, body.user.id, refusal);
    } catch (error) {
      ctx.logger.error({ err: error }, 'deny failed');
      await client.chat.postEphemeral({ channel: metadata.channelId, user: body.user.id, text: UNAVAILABLE });
    }
  });
}
