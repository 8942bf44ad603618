/** The private (ephemeral) message that hands a secret to its requester. The only view that holds a secret. */
import type { CredentialRequest } from '../../workflows/types';
import { context, section, slackDate, type Blocks } from './format';

export function deliveryMessage(
  request: CredentialRequest,
  secret: string,
  expiresAt: string,
): { text: string; blocks: Blocks } {
  const title = `Your ${request.vendor.displayName} key (${request.role}) for request \`${request.requestId}\``;
  return {
    text: `${title} is ready. Only you can see this message.`,
    blocks: [
      section(
        `:key: *${title}*\nOnly you can see this message, and Keywarden will not show the key again: copy it into your secret store now.`,
      ),
      section(`\`\`\`${secret}\`\`\``),
      context(`Expires ${slackDate(expiresAt)}; it will be revoked then.`),
    ],
  };
}
