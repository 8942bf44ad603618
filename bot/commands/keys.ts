/**
 * `/keys`: answers bad input at once with an ephemeral explanation, opens the request modal when fields are
 * missing, and otherwise acknowledges and starts the request workflow.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { requestIdFor } from '../requests/start';
import { validateRequest, type RequestInput } from '../requests/validate';
import { helpText } from '../views/help';
import { requestModal } from '../views/request-modal';
import { parseCommand, type ParsedCommand } from './grammar';
import { pendingFor } from './pending';
import { credentialCommand } from './credential';
import { UNAVAILABLE } from '../views/errors';

export function registerKeysCommand(app: App, ctx: BotContext): void {
  app.command('/keys', async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}.\n\n${helpText(ctx.catalog)}` });
      return;
    }
    switch (parsed.command.subcommand) {
      case 'request':
        await handleRequest(parsed.command, command, { ack, respond, client }, ctx);
        return;
      case 'pending':
        await ack();
        await respond({
          response_type: 'ephemeral',
          text: await pendingFor(ctx.temporal, command.user_id).catch(() => UNAVAILABLE),
        });
        return;
      case 'revoke':
      case 'rotate':
      case 'extend':
        await ack({ response_type: 'ephemeral', text: await credentialCommand(parsed.command, command.user_id, ctx) });
        return;
      case 'help':
        await ack({ response_type: 'ephemeral', text: helpText(ctx.catalog) });
        return;
      default:
        await ack({
          response_type: 'ephemeral',
          text: `:warning: \`${parsed.command.subcommand}\` is not a /keys command.\n\n${helpText(ctx.catalog)}`,
        });
    }
  });
}

interface Replies {
  ack: (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>;
  respond: RespondFn;
  client: WebClient;
}

async function handleRequest(
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
  const validation = validateRequest(input, ctx.catalog);
  const requestId = requestIdFor(command.trigger_id);

  if (validation.kind === 'invalid') {
    const lines = validation.errors.map((e) => `• ${e.message}`).join('\n');
    await ack({ response_type: 'ephemeral', text: `:warning: That request cannot be made:\n${lines}` });
    return;
  }
  if (validation.kind === 'incomplete') {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: requestModal(ctx.catalog, input, {
        requestId,
        channelId: command.channel_id,
        extra: Object.fromEntries(input.extra),
      }),
    });
    return;
  }
  await ack({
    response_type: 'ephemeral',
    text: `:inbox_tray: Request \`${requestId}\` received; it is going to the approvers.`,
  });
  let outcome;
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
  ctx.logger.info(
    {
      event: 'request.submitted',
      requestId,
      requester: command.user_id,
      vendor: validation.request.vendorKey,
      outcome,
    },
    'request submitted',
  );
  if (outcome === 'duplicate') {
    await respond({
      response_type: 'ephemeral',
      text: `Request \`${requestId}\` is already under way; nothing new was started.`,
    });
  }
}
