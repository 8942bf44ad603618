/** The approval message in the approval channel, rendered from the request and its current state. */
import { approvalCount, approverNames } from '../../workflows/approval-rules';
import { formatDuration } from '../../workflows/duration';
import { requestWorkflowId } from '../../workflows/ids';
import type { CredentialRequest, Decision, RequestState } from '../../workflows/types';
import { context, escapeText, mention, section, slackDate, type Blocks } from './format';
import { principalMention } from '../../workflows/mentions';

export const APPROVE_ACTION = 'request_approve';
export const DENY_ACTION = 'request_deny';

const STATUS_LINE: Record<RequestState['status'], string> = {
  pending: ':hourglass_flowing_sand: Waiting for approval',
  denied: ':no_entry: Denied',
  expired: ':alarm_clock: Expired without a decision',
  provisioning: ':gear: Approved, creating the key',
  delivering: ':gear: Approved, delivering the key',
  delivered: ':white_check_mark: Delivered',
  failed: ':x: Failed',
};

function decisionLine(decision: Decision): string {
  return decision.kind === 'approve'
    ? `Approved by ${mention(decision.userId)}`
    : `Denied by ${mention(decision.userId)}: ${escapeText(decision.reason ?? '')}`;
}

export function approvalMessage(request: CredentialRequest, state: RequestState): { text: string; blocks: Blocks } {
  const summary = `${mention(request.requester.userId)} asks for a key for ${request.vendor.displayName} (${request.role})`;
  const blocks: Blocks = [
    section(`*Credential request \`${request.requestId}\`*\n${summary}`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Vendor*\n${request.vendor.displayName}` },
        { type: 'mrkdwn', text: `*Role*\n${request.role}` },
        { type: 'mrkdwn', text: `*Access for*\n${formatDuration(request.ttlMs)} from delivery` },
        { type: 'mrkdwn', text: `*Purpose*\n${escapeText(request.purpose)}` },
        {
          type: 'mrkdwn',
          text: request.destination
            ? `*Delivered to*\n\`${request.destination.key}\`: ${escapeText(request.destination.describe)} (for a machine; nobody is shown the key)`
            : '*Delivered to*\nthe requester, shown once',
        },
      ],
    },
    section(`*Status:* ${STATUS_LINE[state.status]}`),
  ];
  // While pending, the approvals line below names who approved so far.
  const history = state.status === 'pending' ? [] : state.decisions.map(decisionLine);
  if (request.autoApproval) {
    history.unshift(
      request.autoApproval.destination
        ? `Approved by policy: keys delivered to \`${request.destination?.key ?? ''}\` need no approver`
        : `Approved by policy: requests from ${principalMention(request.autoApproval.via)} need no approver`,
    );
  }
  if (state.status === 'pending') {
    const { have, need } = approvalCount(request, state.decisions);
    const by = have > 0 ? ` (${state.decisions.map((d) => mention(d.userId)).join(', ')})` : '';
    blocks.push(
      context(
        `*Approvals:* ${have} of ${need}${by} · Approvers: ${approverNames(request)} · pending until ${slackDate(state.pendingExpiresAt)}`,
      ),
    );
    blocks.push({
      type: 'actions',
      block_id: `decide:${request.requestId}`,
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          value: requestWorkflowId(request.requestId),
        },
        {
          type: 'button',
          action_id: DENY_ACTION,
          text: { type: 'plain_text', text: 'Deny' },
          style: 'danger',
          value: requestWorkflowId(request.requestId),
        },
      ],
    });
  }
  if (state.expiresAt) history.push(`Key expires ${slackDate(state.expiresAt)}`);
  if (state.failure) history.push(`Reason: ${escapeText(state.failure)}`);
  if (history.length > 0) blocks.push(context(history.join(' · ')));
  return { text: `${summary}: ${STATUS_LINE[state.status]}`, blocks };
}
