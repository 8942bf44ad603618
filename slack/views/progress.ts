/** Lines in the approval message's thread, one per step of the request. Never a secret. */
import { formatDuration } from '../../workflows/duration';
import { principalMention } from '../../workflows/mentions';
import type { ProgressNote } from '../../workflows/notices';
import { escapeText, mention, slackDate } from './format';

export function progressText(note: ProgressNote): string {
  switch (note.kind) {
    case 'decision': {
      const { decision } = note;
      if (decision.kind === 'deny') {
        return `:no_entry: Denied by ${mention(decision.userId)}: ${escapeText(decision.reason ?? '')}`;
      }
      const via = decision.viaGroup ? ` (as a member of ${principalMention(decision.viaGroup)})` : '';
      return `:ballot_box_with_check: Approved by ${mention(decision.userId)}${via}: ${note.have} of ${note.need}`;
    }
    case 'auto_approved':
      return note.destination
        ? `:robot_face: Approved by policy: keys of this vendor and role delivered to ${escapeText(note.destination)} need no approver.`
        : `:robot_face: Approved by policy: requests from ${principalMention(note.via)} need no approver for this vendor and role.`;
    case 'reminder': {
      const left = note.need - note.have;
      return `:bell: Still waiting for ${left} more approval${left === 1 ? '' : 's'} (${note.have} of ${note.need}); the request expires ${slackDate(note.pendingExpiresAt)}.`;
    }
    case 'escalated': {
      const who = [...note.users, ...note.groups].map(principalMention).join(', ');
      return `:rotating_light: Undecided after ${formatDuration(note.waitedMs)}; escalated to ${who}.`;
    }
    case 'provisioning':
      return ':gear: Creating the key with the vendor.';
    case 'task_opened': {
      const who = note.assignees.map(principalMention).join(', ');
      return note.handedBack
        ? `:leftwards_arrow_with_hook: Handed back to ${who} after a failed check: ${escapeText(note.title)}`
        : `:raising_hand: Waiting on ${who}: ${escapeText(note.title)}`;
    }
    case 'task_done':
      return `:ballot_box_with_check: ${mention(note.userId)} did "${escapeText(note.title)}"; Keywarden is checking it.`;
    case 'delivered':
      return note.destination
        ? `:white_check_mark: Key on its way to ${escapeText(note.destination)}, for a machine; nobody is shown it. Access ends ${slackDate(note.expiresAt)}.`
        : `:white_check_mark: Key delivered privately to the requester; access ends ${slackDate(note.expiresAt)}.`;
    case 'failed':
      return `:x: Failed: ${escapeText(note.reason)}`;
    case 'expired':
      return ':alarm_clock: Expired: nobody decided in time.';
  }
}
