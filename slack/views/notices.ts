/** Direct messages to requesters and owners. None of them ever carries a secret. */
import { formatDuration } from '../../workflows/duration';
import type { Notice } from '../../workflows/notices';
import { escapeText, mention, slackDate } from './format';

export function noticeText(notice: Notice): string {
  const { request } = notice;
  const what = `your ${request.vendor.displayName} key request \`${request.requestId}\` (${request.role})`;
  switch (notice.kind) {
    case 'approved':
      return request.destination
        ? `:white_check_mark: ${capitalise(what)} was approved. Keywarden is creating the key and will write it to ${escapeText(request.destination.describe)}; nobody is shown it.`
        : `:white_check_mark: ${capitalise(what)} was approved. Keywarden is creating the key and will show it to you privately.`;
    case 'denied':
      return `:no_entry: ${capitalise(what)} was denied by ${mention(notice.decision.userId)}: ${escapeText(notice.decision.reason ?? '')}`;
    case 'expired':
      return `:alarm_clock: ${capitalise(what)} expired before anyone decided it. Ask again with \`/keys request\` if you still need it.`;
    case 'failed':
      return `:x: ${capitalise(what)} could not be completed: ${escapeText(notice.reason)}. No key was left behind; ask again or contact an admin.`;
    case 'unrevealed':
      return `:hourglass: The ${request.vendor.displayName} key from request \`${request.requestId}\` was never revealed, so it has been revoked${notice.verified ? '' : ' (the admins are checking the vendor)'}. Ask again with \`/keys request\` when you are ready to store it.`;
    case 'extended':
      return `:calendar: The ${request.vendor.displayName} key from request \`${request.requestId}\` was extended by ${mention(notice.userId)}; it now expires ${slackDate(notice.expiresAt)}.`;
    case 'rotated':
      if (request.destination) {
        return `:arrows_counterclockwise: The ${request.vendor.displayName} key from request \`${request.requestId}\` was rotated and the new key written to ${escapeText(request.destination.describe)}. The old key is retired once the consumer is seen using the new one, and at the latest at ${slackDate(notice.overlapEndsAt)}.`;
      }
      return `:arrows_counterclockwise: The ${request.vendor.displayName} key from request \`${request.requestId}\` was rotated. Reveal the new key from Keywarden's message and switch to it; the old key keeps working until ${slackDate(notice.overlapEndsAt)}, then it is revoked.`;
    case 'rotation_failed':
      return `:warning: Rotating the ${request.vendor.displayName} key from request \`${request.requestId}\` failed (${escapeText(notice.reason)}). Your current key stays valid; the admins have been told.`;
    case 'revoked_now':
      return `:lock: The ${request.vendor.displayName} key from request \`${request.requestId}\` was revoked by ${mention(notice.userId)}${notice.verified ? '; the vendor now refuses it.' : ', but Keywarden could not confirm the vendor refuses it. The admins have been alerted.'}`;
    case 'extension_refused':
      return notice.outcome === 'denied'
        ? `:no_entry: Extending the ${request.vendor.displayName} key from request \`${request.requestId}\` was denied: ${escapeText(notice.reason ?? '')}`
        : `:alarm_clock: Nobody decided on extending the ${request.vendor.displayName} key from request \`${request.requestId}\` in time; its expiry is unchanged.`;
    case 'removed_at_vendor':
      return `:information_source: The ${request.vendor.displayName} key from request \`${request.requestId}\` no longer works at the vendor (it or its user was removed there), so Keywarden has closed it. Ask again with \`/keys request\` if you still need one.`;
    case 'delivered':
      return `:key: ${notice.rotated ? `A new key for ${what} is ready` : `${capitalise(what)} is complete`}. Reveal the key from Keywarden's private message in <#${notice.channelId}> before ${slackDate(notice.revealBy)}; it is shown once, to you only.`;
    case 'handed_over':
      return `:inbox_tray: The ${request.vendor.displayName} key \`${notice.generationId}\` from request \`${request.requestId}\` was delivered to ${escapeText(request.destination?.describe ?? 'its destination')}: ${escapeText(notice.detail)}. Nobody is shown it; it expires ${slackDate(notice.expiresAt)}.`;
    case 'handover_failed':
      return `:warning: Keywarden could not deliver the ${request.vendor.displayName} key from request \`${request.requestId}\` to ${escapeText(request.destination?.describe ?? 'its destination')} (${escapeText(notice.reason)}). ${notice.rotated ? 'The new key was revoked and the current key stays in place' : 'The key was revoked; nothing was left behind'}; the admins have been told.`;
    case 'consumer_not_switched':
      return `:warning: The consumer at ${escapeText(request.destination?.describe ?? 'the destination')} has not been seen using the new ${request.vendor.displayName} key \`${notice.newGenerationId}\` (request \`${request.requestId}\`) by the end of the rotation overlap. The old key \`${notice.oldGenerationId}\` is being revoked now; check that the consumer reloads its key.`;
    case 'escalated':
      return `:rotating_light: ${mention(request.requester.userId)}'s ${request.vendor.displayName} key request \`${request.requestId}\` (${request.role}) has waited ${formatDuration(notice.waitedMs)} for a decision. You are its escalation contact: please see that an approver decides it in <#${request.policy.approvalChannel}>.`;
    case 'revoked':
      return notice.verified
        ? `:lock: The ${request.vendor.displayName} key from request \`${request.requestId}\` has expired and was revoked; the vendor now refuses it.`
        : `:warning: The ${request.vendor.displayName} key from request \`${request.requestId}\` has expired, but Keywarden could not confirm the vendor refuses it. The admins have been alerted.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
