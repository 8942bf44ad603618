/** The signed webhook as a Keywarden destination (see `adapter.ts` for the wire format). */
import { defineDestination } from '../define';
import { createWebhookAdapter } from './adapter';
import { resolveWebhook, webhookFileSchema } from './config';

export const webhook = defineDestination({
  type: 'webhook',
  fileSchema: webhookFileSchema,
  resolve: resolveWebhook,
  adapter: createWebhookAdapter,
});
