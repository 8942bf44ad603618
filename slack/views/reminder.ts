/** The owner's reminder before expiry, with what they can do about it, and the extend form. */
import type { View } from '@slack/types';
import type { CredentialRequest } from '../../workflows/types';
import { context, section, slackDate, type Blocks } from './format';

export const ROTATE_ACTION = 'credential_rotate';
export const EXTEND_ACTION = 'credential_extend';
export const LET_EXPIRE_ACTION = 'credential_let_expire';
export const EXTEND_MODAL = 'credential_extend_modal';

export function reminderMessage(
  request: CredentialRequest,
  credentialId: string,
  expiresAt: string,
): { text: string; blocks: Blocks } {
  const what = `Your ${request.vendor.displayName} key (${request.role}) from request \`${request.requestId}\``;
  const button = (action_id: string, text: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id,
    text: { type: 'plain_text' as const, text },
    value: credentialId,
    ...(style ? { style } : {}),
  });
  return {
    text: `${what} expires ${slackDate(expiresAt)}.`,
    blocks: [
      section(`:alarm_clock: ${what} expires ${slackDate(expiresAt)}.`),
      {
        type: 'actions',
        block_id: `remind:${credentialId}`,
        elements: [
          button(ROTATE_ACTION, 'Rotate now', 'primary'),
          button(EXTEND_ACTION, 'Extend'),
          button(LET_EXPIRE_ACTION, 'Let it expire'),
        ],
      },
      context(
        'Rotate now gives you a new key and keeps the old one working for a short overlap. It is revoked at expiry either way.',
      ),
    ],
  };
}

export function extendModal(credentialId: string): View {
  return {
    type: 'modal',
    callback_id: EXTEND_MODAL,
    private_metadata: credentialId,
    title: { type: 'plain_text', text: 'Extend key' },
    submit: { type: 'plain_text', text: 'Extend' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'duration',
        label: { type: 'plain_text', text: 'Extend by' },
        hint: { type: 'plain_text', text: 'e.g. 7d or 12h; within the policy maximum from first delivery.' },
        element: { type: 'plain_text_input', action_id: 'value', initial_value: '7d' },
      },
    ],
  };
}
