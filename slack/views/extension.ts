/** An owner's extension waiting for approval, in the approval channel; decided like a request. */
import { formatDuration } from '../../workflows/duration';
import { credentialWorkflowId } from '../../workflows/ids';
import type { CredentialRequest, ExtensionRequest } from '../../workflows/types';
import { APPROVE_ACTION, DENY_ACTION } from './approval';
import { context, mention, section, slackDate, type Blocks } from './format';

const STATUS: Record<ExtensionRequest['status'], string> = {
  pending: ':hourglass_flowing_sand: Waiting for approval',
  approved: ':white_check_mark: Approved',
  denied: ':no_entry: Denied',
  expired: ':alarm_clock: Expired without a decision',
};

export function extensionMessage(
  request: CredentialRequest,
  extension: ExtensionRequest,
): { text: string; blocks: Blocks } {
  const summary = `${mention(extension.requestedBy)} asks to extend the ${request.vendor.displayName} key from request \`${request.requestId}\` by ${formatDuration(extension.extendByMs)}, to ${slackDate(extension.newExpiresAt)}`;
  const blocks: Blocks = [section(`*Extension*\n${summary}`), section(`*Status:* ${STATUS[extension.status]}`)];
  if (extension.status === 'pending') {
    const value = credentialWorkflowId(extension.credentialId);
    blocks.push(context(`Pending until ${slackDate(extension.pendingExpiresAt)}`), {
      type: 'actions',
      block_id: `decide:${extension.credentialId}:extend`,
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          value,
        },
        { type: 'button', action_id: DENY_ACTION, text: { type: 'plain_text', text: 'Deny' }, style: 'danger', value },
      ],
    });
  }
  const history = extension.decisions.map(
    (d) => `${d.kind === 'approve' ? 'Approved' : 'Denied'} by ${mention(d.userId)}${d.reason ? `: ${d.reason}` : ''}`,
  );
  if (history.length > 0) blocks.push(context(history.join(' · ')));
  return { text: summary, blocks };
}
