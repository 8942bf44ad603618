/**
 * Approve and Deny, on request approvals and on extensions that need an approver. Refusals go back to the
 * clicker alone (ephemeral) and change nothing.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DECISION_REFUSED, decisionRefusalQuery } from '../../../workflows/messages';
import type { BotContext } from '../../context';
import { decisionValue, denyModalValue, readValue } from '../../shared/action-values';
import { refusalOf } from '../../shared/round-trip';
import type { Feature } from '../../shared/feature';
import { APPROVE_ACTION, DENY_ACTION } from '../../views/approval';
import { DENY_MODAL, denyModal } from '../../views/deny-modal';
import { FORM_OUT_OF_DATE, OUT_OF_DATE, UNAVAILABLE } from '../../views/errors';
import { decide, withGroup } from './decide';

/** An ephemeral note to the clicker in the approval channel. */
function ephemeral(client: WebClient, channel: string, user: string) {
  return (text: string) => client.chat.postEphemeral({ channel, user, text });
}

function register(app: App, ctx: BotContext): void {
  app.action<BlockButtonAction>(APPROVE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const tell = ephemeral(client, body.channel?.id ?? ctx.catalog.policies.approvals.channel, body.user.id);
    const workflowId = readValue(decisionValue, action.value);
    if (!workflowId) return void (await tell(OUT_OF_DATE));
    await decide(ctx, workflowId, { kind: 'approve', userId: body.user.id }, tell);
  });

  app.action<BlockButtonAction>(DENY_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? ctx.catalog.policies.approvals.channel;
    const tell = ephemeral(client, channel, body.user.id);
    const workflowId = readValue(decisionValue, action.value);
    if (!workflowId) return void (await tell(OUT_OF_DATE));
    try {
      // Check before asking for a reason, so an ineligible approver is told at once rather than after typing one.
      const asked = await withGroup(ctx, workflowId, { kind: 'deny', userId: body.user.id, reason: 'pending' });
      const refusal = await ctx.temporal.workflow.getHandle(workflowId).query(decisionRefusalQuery, asked);
      if (refusal) return void (await tell(`:no_entry_sign: ${refusal}`));
      await client.views.open({ trigger_id: body.trigger_id, view: denyModal({ workflowId, channelId: channel }) });
    } catch (error) {
      const refusal =
        error instanceof WorkflowNotFoundError ? 'This request no longer exists.' : refusalOf(error, DECISION_REFUSED);
      if (!refusal) ctx.logger.error({ err: error, workflowId }, 'deny failed');
      await tell(refusal ? `:no_entry_sign: ${refusal}` : UNAVAILABLE);
    }
  });

  app.view(DENY_MODAL, async ({ ack, view, body, client }) => {
    const metadata = readValue(denyModalValue, view.private_metadata);
    if (!metadata) return ack({ response_action: 'errors', errors: { reason: FORM_OUT_OF_DATE } });
    const reason = view.state.values.reason?.value?.value?.trim() ?? '';
    if (!reason) {
      return ack({ response_action: 'errors', errors: { reason: 'Give a reason; the requester will see it.' } });
    }
    await ack();
    const tell = ephemeral(client, metadata.channelId, body.user.id);
    await decide(ctx, metadata.workflowId, { kind: 'deny', userId: body.user.id, reason }, tell);
  });
}

export const approvalFeature: Feature = { register };
