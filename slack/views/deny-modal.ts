/** Asks a denying approver for the reason, which the requester will read. */
import type { View } from '@slack/types';

export const DENY_MODAL = 'deny_modal';

export interface DenyModalMetadata {
  /** The workflow deciding: a request, or a credential whose extension needs approval. */
  workflowId: string;
  channelId: string;
}

export function denyModal(metadata: DenyModalMetadata): View {
  return {
    type: 'modal',
    callback_id: DENY_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Deny request' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: {
          type: 'plain_text',
          text: `Why is request ${metadata.workflowId.replace(/^(request|credential)-/, '')} denied?`,
        },
        hint: { type: 'plain_text', text: 'The requester will see this.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ],
  };
}
