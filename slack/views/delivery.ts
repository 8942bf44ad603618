/**
 * Delivery by one-time reveal. The offer (ephemeral, no secret) carries a Reveal button; the reveal itself
 * replaces the offer, ephemerally, and is the only view that ever holds a secret.
 */
import type { CredentialRequest, RevealedCredential } from '../../workflows/types';
import { context, section, slackDate, type Blocks } from './format';
import type { RevealHandle } from '../../workflows/steps';

export type { RevealHandle };

export const REVEAL_ACTION = 'credential_reveal';

function title(request: CredentialRequest): string {
  return `Your ${request.vendor.displayName} key (${request.role}) for request \`${request.requestId}\``;
}

export function deliveryOffer(
  request: CredentialRequest,
  handle: RevealHandle,
  expiresAt: string,
  revealBy: string,
): { text: string; blocks: Blocks } {
  return {
    text: `${title(request)} is ready. Reveal it once; only you can see this message.`,
    blocks: [
      section(
        `:key: *${title(request)} is ready.*\nReveal it when you can store it at once: Keywarden shows it one time only, to you alone.`,
      ),
      {
        type: 'actions',
        block_id: `reveal:${handle.generationId}`,
        elements: [
          {
            type: 'button',
            action_id: REVEAL_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Reveal' },
            value: JSON.stringify(handle),
          },
        ],
      },
      context(`Reveal by ${slackDate(revealBy)} or it will be revoked unseen. It expires ${slackDate(expiresAt)}.`),
    ],
  };
}

export function revealedSecret(credential: RevealedCredential, secret: string): { text: string; blocks: Blocks } {
  const heading = `Your ${credential.vendorName} key (${credential.role}) for request \`${credential.requestId}\``;
  return {
    text: `${heading}. Copy it now; it will not be shown again.`,
    blocks: [
      section(`:key: *${heading}*\nCopy it into your secret store now; Keywarden will not show it again.`),
      section(`\`\`\`${secret}\`\`\``),
      context(`Expires ${slackDate(credential.expiresAt)}; it will be revoked then.`),
    ],
  };
}
