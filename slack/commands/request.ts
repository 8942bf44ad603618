/**
 * `/keys request`: validates against the person's policies (every problem at once), opens the modal when fields
 * are missing, else acknowledges and starts the request workflow.
 */
import type { SlashCommand } from '@slack/bolt';
import type { BotContext } from '../context';
import { accessFor } from '../requests/access';
import { requestIdFor, type StartOutcome } from '../requests/start';
import { validateRequest, type RequestInput, type ValidRequest } from '../requests/validate';
import { UNAVAILABLE } from '../views/errors';
import { requestModal } from '../views/request-modal';
import type { ParsedCommand } from './grammar';
import type { Replies } from './replies';

export async function handleRequest(
  parsed: ParsedCommand,
  command: SlashCommand,
  replies: Replies,
  ctx: BotContext,
): Promise<void> {
  const { ack, respond, client } = replies;
  if (parsed.positional.length > 1) {
    await ack({
      response_type: 'ephemeral',
      text: `:warning: Only one vendor per request; got ${parsed.positional.map((w) => `\`${w}\``).join(', ')}. Values with spaces need quotes, e.g. purpose="SIEM ingestion".`,
    });
    return;
  }
  const { role, ttl, purpose, ...rest } = Object.fromEntries(parsed.options);
  const input: RequestInput = {
    vendor: parsed.positional[0],
    role,
    ttl,
    purpose,
    extra: new Map(Object.entries(rest)),
  };
  let access;
  try {
    access = await accessFor(ctx.catalog, ctx.groups, command.user_id);
  } catch (error) {
    ctx.logger.error({ err: error }, 'could not read requester groups');
    await ack({ response_type: 'ephemeral', text: UNAVAILABLE });
    return;
  }
  const validation = validateRequest(input, ctx.catalog, access);
  const requestId = requestIdFor(command.trigger_id);

  if (validation.kind === 'invalid') {
    ctx.logger.info(
      { event: 'request.invalid', requester: command.user_id, fields: validation.errors.map((e) => e.field) },
      'request refused: invalid input',
    );
    const lines = validation.errors.map((e) => `• ${e.message}`).join('\n');
    await ack({ response_type: 'ephemeral', text: `:warning: That request cannot be made:\n${lines}` });
    return;
  }
  if (validation.kind === 'incomplete') {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: requestModal(ctx.catalog, access, input, { requestId, channelId: command.channel_id }),
    });
    return;
  }
  await ack({ response_type: 'ephemeral', text: `:inbox_tray: Request \`${requestId}\` received.` });
  let outcome: StartOutcome;
  try {
    outcome = await ctx.requests.start(
      requestId,
      { userId: command.user_id, channelId: command.channel_id },
      validation.request,
    );
  } catch (error) {
    ctx.logger.error({ err: error, requestId }, 'could not start request workflow');
    await respond({ response_type: 'ephemeral', text: UNAVAILABLE });
    return;
  }
  logStart(ctx, requestId, command.user_id, validation.request, outcome);
  await respond({ response_type: 'ephemeral', text: startedText(requestId, outcome) });
}

/**
 * One line per start attempt. Only a refusal is an audit event here: a started request records
 * `request.submitted` itself, in its workflow.
 */
export function logStart(
  ctx: BotContext,
  requestId: string,
  requester: string,
  request: ValidRequest,
  outcome: StartOutcome,
): void {
  ctx.logger.info(
    {
      ...(outcome.kind === 'refused' ? { event: 'request.refused', reason: outcome.message } : {}),
      requestId,
      requester,
      vendor: request.vendorKey,
      role: request.role,
      outcome: outcome.kind,
    },
    outcome.kind === 'refused' ? 'request refused' : 'request started',
  );
}

/** What the requester is told once the request has (or has not) started. Shared with the modal. */
export function startedText(requestId: string, outcome: StartOutcome): string {
  switch (outcome.kind) {
    case 'started':
      return outcome.autoApproved
        ? `:inbox_tray: Request \`${requestId}\` is approved by policy; Keywarden is creating the key. Follow it with \`/keys status ${requestId}\`.`
        : `:inbox_tray: Request \`${requestId}\` is with the approvers. Follow it with \`/keys status ${requestId}\`.`;
    case 'duplicate':
      return `Request \`${requestId}\` is already under way; nothing new was started.`;
    case 'refused':
      return `:no_entry_sign: ${outcome.message}`;
  }
}
