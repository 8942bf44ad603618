/**
 * `/keys request`: validates against the person's policies (every problem at once), opens the modal when fields
 * are missing, else starts the request workflow and only then acknowledges — with where the request stands, or
 * that it was NOT recorded.
 */
import { requestIdFor } from '../../requests/start';
import { validateRequest, type RequestInput } from '../../requests/validate';
import type { ParsedCommand } from '../../keys/grammar';
import { respondPrivately, type Subcommand } from '../../shared/replies';
import { requestModal } from '../../views/request-modal';
import {
  accessWithin,
  followLateStart,
  GROUPS_UNAVAILABLE,
  notRecordedText,
  recordRequest,
  startedText,
} from './recording';
import { quoteTyped } from '../../views/format';

export const requestCommand: Subcommand = async ({ parsed, command, replies, ctx }) => {
  const { ack, client } = replies;
  const deadline = Date.now() + ctx.bounds.beforeAckMs;
  if (parsed.positional.length > 1) {
    await ack({
      response_type: 'ephemeral',
      text: `:warning: Only one vendor per request; got ${parsed.positional.map(quoteTyped).join(', ')}. Values with spaces need quotes, e.g. purpose="SIEM ingestion".`,
    });
    return;
  }
  const input = inputOf(parsed);
  const access = await accessWithin(ctx, command.user_id, deadline);
  if (!access) return ack({ response_type: 'ephemeral', text: GROUPS_UNAVAILABLE });
  const validation = validateRequest(input, ctx.catalog, access);
  const requestId = requestIdFor(command.trigger_id);
  if (validation.kind === 'invalid') {
    ctx.logger.info(
      { event: 'request.invalid', requester: command.user_id, fields: validation.errors.map((e) => e.field) },
      'request refused: invalid input',
    );
    const lines = validation.errors.map((e) => `• ${e.message}`).join('\n');
    return ack({ response_type: 'ephemeral', text: `:warning: That request cannot be made:\n${lines}` });
  }
  if (validation.kind === 'incomplete') {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: requestModal(ctx.catalog, access, input, { requestId, channelId: command.channel_id }),
    });
    return;
  }
  const requester = { userId: command.user_id, channelId: command.channel_id };
  const recording = await recordRequest(ctx, requestId, requester, validation.request, deadline);
  if (recording.kind === 'recorded') {
    return ack({ response_type: 'ephemeral', text: startedText(requestId, recording.outcome) });
  }
  await ack({ response_type: 'ephemeral', text: notRecordedText(requestId, recording) });
  if (recording.kind === 'late') {
    followLateStart(ctx, requestId, recording.later, (text) => respondPrivately(replies, ctx, text));
  }
};

/** The request as typed: one vendor word, `role=`, `ttl=`, `purpose=`, `dest=` and the vendor's own fields. */
function inputOf(parsed: ParsedCommand): RequestInput {
  const { role, ttl, purpose, dest, ...rest } = Object.fromEntries(parsed.options);
  return { vendor: parsed.positional[0], role, ttl, purpose, dest, extra: new Map(Object.entries(rest)) };
}
