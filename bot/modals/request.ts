/**
 * Submission of the request modal: validates inline (`response_action: errors`, one message per field), then
 * starts the request workflow with the id fixed when the modal was opened, so a double submit is harmless.
 */
import type { App, ViewOutput } from '@slack/bolt';
import type { BotContext } from '../context';
import { validateRequest, type RequestField, type RequestInput } from '../requests/validate';
import { UNAVAILABLE } from '../views/errors';
import { REQUEST_MODAL, VALUE_ACTION, type RequestModalMetadata } from '../views/request-modal';

const FIELD_BLOCKS: readonly RequestField[] = ['vendor', 'role', 'ttl', 'purpose'];

function readValue(view: ViewOutput, block: string): string | undefined {
  const state = view.state.values[block]?.[VALUE_ACTION];
  const value = state?.selected_option?.value ?? state?.value;
  return value ?? undefined;
}

export function registerRequestModal(app: App, ctx: BotContext): void {
  app.view(REQUEST_MODAL, async ({ ack, view, body, client }) => {
    const metadata = JSON.parse(view.private_metadata) as RequestModalMetadata;
    const input: RequestInput = {
      vendor: readValue(view, 'vendor'),
      role: readValue(view, 'role'),
      ttl: readValue(view, 'ttl'),
      purpose: readValue(view, 'purpose') ?? '',
      extra: new Map(Object.entries(metadata.extra)),
    };
    const validation = validateRequest(input, ctx.catalog);
    if (validation.kind !== 'valid') {
      const errors: Record<string, string> = {};
      const problems =
        validation.kind === 'invalid' ? validation.errors : [{ field: 'purpose', message: 'Fill in every field.' }];
      for (const { field, message } of problems) {
        const block = (FIELD_BLOCKS as readonly string[]).includes(field) ? field : 'purpose';
        errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const user = body.user.id;
    const reply = (text: string) => client.chat.postEphemeral({ channel: metadata.channelId, user, text });
    try {
      const outcome = await ctx.requests.start(
        metadata.requestId,
        { userId: user, channelId: metadata.channelId },
        validation.request,
      );
      ctx.logger.info(
        { event: 'request.submitted', requestId: metadata.requestId, requester: user, outcome },
        'request submitted',
      );
      await reply(
        outcome === 'started'
          ? `:inbox_tray: Request \`${metadata.requestId}\` received; it is going to the approvers.`
          : `Request \`${metadata.requestId}\` is already under way; nothing new was started.`,
      );
    } catch (error) {
      ctx.logger.error({ err: error, requestId: metadata.requestId }, 'could not start request workflow');
      await reply(UNAVAILABLE);
    }
  });
}
