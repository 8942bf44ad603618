/**
 * The request modal: choosing a vendor re-renders it for that vendor; submission validates inline
 * (`response_action: errors`, one message per field), then starts the request workflow with the id fixed when
 * the modal was opened, so a double submit is harmless.
 */
import type { App, BlockStaticSelectAction, ViewOutput } from '@slack/bolt';
import { logStart, startedText } from '../commands/request';
import type { BotContext } from '../context';
import { accessFor } from '../requests/access';
import { validateRequest, type RequestField, type RequestInput } from '../requests/validate';
import { UNAVAILABLE } from '../views/errors';
import {
  FIELD_BLOCK_PREFIX,
  REQUEST_MODAL,
  requestModal,
  VENDOR_ACTION,
  type RequestModalMetadata,
} from '../views/request-modal';

const FIELD_BLOCKS: readonly RequestField[] = ['vendor', 'role', 'ttl', 'purpose'];

/** A block's value, whatever its element's action id (the role select's is named after the vendor). */
function readValue(view: Pick<ViewOutput, 'state'>, block: string): string | undefined {
  const [state] = Object.values(view.state.values[block] ?? {});
  const value = state?.selected_option?.value ?? state?.value;
  return value ?? undefined;
}

/** What the person has filled in so far. */
function readInput(view: Pick<ViewOutput, 'state'>): RequestInput {
  return {
    vendor: readValue(view, 'vendor'),
    role: readValue(view, 'role'),
    ttl: readValue(view, 'ttl'),
    purpose: readValue(view, 'purpose') ?? '',
    extra: vendorFields(view),
  };
}

/** The filled-in vendor-specific fields; empty inputs are left out, as if not typed. */
function vendorFields(view: Pick<ViewOutput, 'state'>): Map<string, string> {
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
  app.action<BlockStaticSelectAction>(
    { block_id: 'vendor', action_id: VENDOR_ACTION },
    async ({ ack, body, action }) => {
      await ack();
      const { view } = body;
      if (!view) return;
      const metadata = JSON.parse(view.private_metadata) as RequestModalMetadata;
      // The state may still hold the previous vendor; the selection that fired this action is the current one.
      const input = { ...readInput(view), vendor: action.selected_option.value, ttl: undefined };
      try {
        const access = await accessFor(ctx.catalog, ctx.groups, body.user.id);
        await ctx.slack.views.update({
          view_id: view.id,
          hash: view.hash,
          view: requestModal(ctx.catalog, access, input, metadata),
        });
      } catch (error) {
        // A stale hash means a newer render won; anything else leaves the modal as it was, still usable.
        ctx.logger.warn({ err: error }, 'could not re-render the request modal');
      }
    },
  );

  app.view(REQUEST_MODAL, async ({ ack, view, body, client }) => {
    const metadata = JSON.parse(view.private_metadata) as RequestModalMetadata;
    const input = readInput(view);
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
      logStart(ctx, metadata.requestId, user, validation.request, outcome);
      await reply(startedText(metadata.requestId, outcome));
    } catch (error) {
      ctx.logger.error({ err: error, requestId: metadata.requestId }, 'could not start request workflow');
      await reply(UNAVAILABLE);
    }
  });
}
