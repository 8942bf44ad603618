/**
 * The request modal: choosing a vendor re-renders it for that vendor; submission validates inline
 * (`response_action: errors`, one message per field), then starts the request workflow with the id fixed when
 * the modal was opened — so a double submit is harmless — and only then closes the modal and confirms. A start
 * that fails or is not answered in time keeps the modal open and says it was NOT recorded.
 */
import type { App, BlockStaticSelectAction } from '@slack/bolt';
import type { BotContext } from '../../context';
import { accessFor } from '../../requests/access';
import { validateRequest } from '../../requests/validate';
import { readValue, requestModalValue } from '../../shared/action-values';
import { FORM_OUT_OF_DATE } from '../../views/errors';
import { REQUEST_MODAL, requestModal, VENDOR_ACTION } from '../../views/request-modal';
import { inlineErrors, plain, readInput } from './modal-input';
import {
  accessWithin,
  followLateStart,
  GROUPS_UNAVAILABLE,
  notRecordedText,
  recordRequest,
  startedText,
} from './recording';

export function registerRequestModal(app: App, ctx: BotContext): void {
  app.action<BlockStaticSelectAction>(
    { block_id: 'vendor', action_id: VENDOR_ACTION },
    async ({ ack, body, action }) => {
      await ack();
      const { view } = body;
      const metadata = readValue(requestModalValue, view?.private_metadata);
      if (!view || !metadata) return;
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
    const deadline = Date.now() + ctx.bounds.beforeAckMs;
    const metadata = readValue(requestModalValue, view.private_metadata);
    if (!metadata) return ack({ response_action: 'errors', errors: { purpose: FORM_OUT_OF_DATE } });
    const user = body.user.id;
    const access = await accessWithin(ctx, user, deadline);
    if (!access) return ack({ response_action: 'errors', errors: { purpose: plain(GROUPS_UNAVAILABLE) } });
    const validation = validateRequest(readInput(view), ctx.catalog, access);
    if (validation.kind !== 'valid') {
      const problems =
        validation.kind === 'invalid' ? validation.errors : [{ field: 'purpose', message: 'Fill in every field.' }];
      return ack({ response_action: 'errors', errors: inlineErrors(view, problems) });
    }
    const { requestId, channelId } = metadata;
    const reply = (text: string) => client.chat.postEphemeral({ channel: channelId, user, text });
    const recording = await recordRequest(ctx, requestId, { userId: user, channelId }, validation.request, deadline);
    if (recording.kind !== 'recorded') {
      // The modal stays open: submitting again is safe, since the request id was fixed when it opened.
      await ack({
        response_action: 'errors',
        errors: { purpose: `${plain(notRecordedText(requestId, recording))} Submitting again never makes it twice.` },
      });
      if (recording.kind === 'late') followLateStart(ctx, requestId, recording.later, reply);
      return;
    }
    await ack();
    await reply(startedText(requestId, recording.outcome)).catch((error: unknown) =>
      ctx.logger.error({ err: error, requestId }, 'could not confirm a request'),
    );
  });
}
