/**
 * Submission of the request modal: validates inline (`response_action: errors`, one message per field), then
 * starts the request workflow with the id fixed when the modal was opened, so a double submit is harmless.
 */
import type { App, ViewOutput } from '@slack/bolt';
import { startedText } from '../commands/keys';
import type { BotContext } from '../context';
import { accessFor } from '../requests/access';
import { validateRequest, type RequestField, type RequestInput } from '../requests/validate';
import { UNAVAILABLE } from '../views/errors';
import { FIELD_BLOCK_PREFIX, REQUEST_MODAL, VALUE_ACTION, type RequestModalMetadata } from '../views/request-modal';

const FIELD_BLOCKS: readonly RequestField[] = ['vendor', 'role', 'ttl', 'purpose'];

function readValue(view: ViewOutput, block: string): string | undefined {
  const state = view.state.values[block]?.[VALUE_ACTION];
  const value = state?.selected_option?.value ?? state?.value;
  return value ?? undefined;
}

/** The filled-in vendor-specific fields; empty inputs are left out, as if not typed. */
function vendorFields(view: ViewOutput): Map<string, string> {
  const fields = new Map<string, string>();
  for (const block of Object.keys(view.state.values)) {
    if (!block.startsWith(FIELD_BLOCK_PREFIX)) continue;
    const value = readValue(view, block)?.trim();
    if (value) fields.set(block.slice(FIELD_BLOCK_PREFIX.length), value);
  }
  return fields;
}

/** The block that shows a field's error: its own input when the modal has one, else the purpose box. */
function blockFor(view: ViewOutput, field: string): string {
  if ((FIELD_BLOCKS as readonly string[]).includes(field)) return field;
  const own = `${FIELD_BLOCK_PREFIX}${field}`;
  return own in view.state.values ? own : 'purpose';
}

export function registerRequestModal(app: App, ctx: BotContext): void {
  app.view(REQUEST_MODAL, async ({ ack, view, body, client }) => {
    const metadata = JSON.parse(view.private_metadata) as RequestModalMetadata;
    const input: RequestInput = {
      vendor: readValue(view, 'vendor'),
      role: readValue(view, 'role'),
      ttl: readValue(view, 'ttl'),
      purpose: readValue(view, 'purpose') ?? '',
      extra: vendorFields(view),
    };
    const validation = validateRequest(input, ctx.catalog, await accessFor(ctx.catalog, ctx.groups, body.user.id));
    if (validation.kind !== 'valid') {
      const errors: Record<string, string> = {};
      const problems =
        validation.kind === 'invalid' ? validation.errors : [{ field: 'purpose', message: 'Fill in every field.' }];
      for (const { field, message } of problems) {
        const block = blockFor(view, field);
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
        {
          event: outcome.kind === 'refused' ? 'request.refused' : 'request.submitted',
          requestId: metadata.requestId,
          requester: user,
          vendor: validation.request.vendorKey,
          role: validation.request.role,
          outcome: outcome.kind,
        },
        'request submitted',
      );
      await reply(startedText(metadata.requestId, outcome));
    } catch (error) {
      ctx.logger.error({ err: error, requestId: metadata.requestId }, 'could not start request workflow');
      await reply(UNAVAILABLE);
    }
  });
}
