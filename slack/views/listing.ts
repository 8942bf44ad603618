/** `/keys list`, `/keys pending` and their App Home sections: a person's keys, and what waits on them. */
import type { ListedCredential } from '../visibility/credentials';
import type { WaitingItem } from '../visibility/waiting';
import type { RequestCatalog } from '../requests/catalog';
import { slackDate } from './format';

const STATUS_TEXT: Record<string, string> = {
  pending: 'waiting for approval',
  provisioning: 'being created',
  delivering: 'being delivered',
  active: 'active',
  rotating: 'rotating',
  revoking: 'being revoked',
  revoked: 'revoked',
  revoke_unverified: 'revoked, not yet verified (admins alerted)',
  denied: 'denied',
  expired: 'expired before a decision',
  failed: 'failed',
};

/** A request's or credential's status in words: `waiting for approval`, `revoked, not yet verified…`. */
export const statusWords = (status: string): string => STATUS_TEXT[status] ?? status.replace(/_/g, ' ');

export function vendorName(catalog: RequestCatalog, key: string | undefined): string {
  return (key && catalog.vendors.get(key)?.displayName) ?? key ?? 'a vendor';
}

/** One line per credential: id, vendor, role, status and expiry. */
export function credentialLine(catalog: RequestCatalog, row: ListedCredential): string {
  const expiry = row.expiresAt ? ` · ${row.open ? 'expires' : 'ended'} ${slackDate(row.expiresAt)}` : '';
  const status = statusWords(row.status);
  return `\`${row.requestId}\` ${vendorName(catalog, row.vendorKey)} (${row.role}) · ${status}${expiry}`;
}

export function credentialsText(catalog: RequestCatalog, rows: readonly ListedCredential[]): string {
  if (rows.length === 0) return 'You have no keys or requests yet. Ask for one with `/keys request`.';
  return [
    '*Your keys and requests*',
    ...rows.map((row) => `• ${credentialLine(catalog, row)}`),
    'Details and history: `/keys status <id>`.',
  ].join('\n');
}

export function waitingLine(catalog: RequestCatalog, item: WaitingItem): string {
  const vendor = item.vendorKey ? ` (${vendorName(catalog, item.vendorKey)})` : '';
  if (item.task) {
    return `\`${item.requestId}\`${vendor}: ${item.task.title} (due ${slackDate(item.task.deadline)}); the instructions are in your DM from Keywarden`;
  }
  const what = item.approval === 'extension' ? 'extension of a live key' : 'approval';
  return `\`${item.requestId}\`${vendor}: ${what} requested; see the approval channel`;
}

export function waitingText(catalog: RequestCatalog, items: readonly WaitingItem[]): string {
  if (items.length === 0) return 'Nothing is waiting on you.';
  return `*Waiting on you*\n${items.map((item) => `• ${waitingLine(catalog, item)}`).join('\n')}`;
}
