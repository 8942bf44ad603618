/** `/keys status <id>`: where a request stands and everything that happened to it. */
import type { RequestStatus } from '../visibility/status';
import type { RequestCatalog } from '../requests/catalog';
import { escapeText, mention, slackDate } from './format';
import { statusWords, vendorName } from './listing';
import { principalMention } from '../../workflows/mentions';

const SHOWN = 40;

export function statusText(catalog: RequestCatalog, status: RequestStatus): string {
  const { request, credential } = status;
  const where = credential
    ? `key ${statusWords(credential.status)}` +
      `${credential.status === 'active' ? `, expires ${slackDate(credential.expiresAt)}` : ''}` +
      `${credential.destination ? `, delivered to ${escapeText(credential.destination)}` : credential.revealed ? '' : ' (not revealed yet)'}${credential.generation > 1 ? `, key #${credential.generation}` : ''}`
    : `request ${statusWords(request.status)}${request.failure ? `: ${escapeText(request.failure)}` : ''}`;
  const lines = [
    `*Request \`${status.requestId}\`* — ${vendorName(catalog, status.vendorKey)} (${status.role}) for ${mention(status.requester)}`,
    `*Now:* ${where}`,
  ];
  if (status.timeline.length === 0) {
    lines.push('_No timeline was recorded for this request._');
    return lines.join('\n');
  }
  const timeline = status.timeline.slice(-SHOWN);
  if (status.timeline.length > SHOWN) lines.push(`_Latest ${SHOWN} of ${status.timeline.length} events:_`);
  else lines.push('*Timeline*');
  for (const entry of timeline) {
    const actor = entry.actor ? ` by ${mention(entry.actor)}` : '';
    const detail = entry.detail ? `: ${escapeText(entry.detail)}` : '';
    const people = entry.people?.length ? ` (${entry.people.map(principalMention).join(', ')})` : '';
    lines.push(`• ${slackDate(entry.at)} \`${entry.event}\`${actor}${detail}${people}`);
  }
  return lines.join('\n');
}
