/** The App Home tab: the person's keys with their expiry and actions, and what waits on them. */
import type { View } from '@slack/types';
import type { ListedCredential } from '../visibility/credentials';
import type { WaitingItem } from '../visibility/waiting';
import type { RequestCatalog } from '../requests/catalog';
import { context, section, type Blocks } from './format';
import { credentialLine, waitingLine } from './listing';
import { EXTEND_ACTION, ROTATE_ACTION } from './reminder';

export const REVOKE_ACTION = 'credential_revoke';

export function homeView(
  catalog: RequestCatalog,
  credentials: readonly ListedCredential[],
  waiting: readonly WaitingItem[],
): View {
  const blocks: Blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'Keywarden' } },
    section('*Your keys and requests*'),
  ];
  if (credentials.length === 0) blocks.push(context('None yet. Ask for a key with `/keys request`.'));
  for (const row of credentials) {
    blocks.push(section(credentialLine(catalog, row)));
    if (row.credential && row.open && row.status === 'active') blocks.push(actions(row.requestId));
  }
  blocks.push({ type: 'divider' }, section('*Waiting on you*'));
  if (waiting.length === 0) blocks.push(context('Nothing is waiting on you.'));
  for (const item of waiting) blocks.push(section(waitingLine(catalog, item)));
  blocks.push(context('`/keys help` lists every command; `/keys status <id>` shows a request’s history.'));
  return { type: 'home', blocks };
}

function actions(credentialId: string): Blocks[number] {
  const button = (action_id: string, text: string) => ({
    type: 'button' as const,
    action_id,
    text: { type: 'plain_text' as const, text },
    value: credentialId,
  });
  return {
    type: 'actions',
    block_id: `home:${credentialId}`,
    elements: [
      button(ROTATE_ACTION, 'Rotate now'),
      button(EXTEND_ACTION, 'Extend'),
      {
        ...button(REVOKE_ACTION, 'Revoke'),
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: 'Revoke this key?' },
          text: {
            type: 'mrkdwn',
            text: `Key \`${credentialId}\` stops working at the vendor now. This cannot be undone.`,
          },
          confirm: { type: 'plain_text', text: 'Revoke' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      },
    ],
  };
}
