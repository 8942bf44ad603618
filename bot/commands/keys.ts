/**
 * `/keys`: answers bad input at once with an ephemeral explanation (with usage), opens the request modal when
 * fields are missing, and otherwise acknowledges within Slack's 3 seconds and does the work after.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { listCredentials } from '../listing/credentials';
import { readStatus } from '../listing/status';
import { waitingOn } from '../listing/waiting';
import { accessFor } from '../requests/access';
import { requestIdFor, type StartOutcome } from '../requests/start';
import { validateRequest, type RequestInput } from '../requests/validate';
import { UNAVAILABLE } from '../views/errors';
import { helpText } from '../views/help';
import { credentialsText, waitingText } from '../views/listing';
import { requestModal } from '../views/request-modal';
import { statusText } from '../views/status';
import { vendorsText } from '../views/vendors';
import { credentialCommand } from './credential';
import { parseCommand, type ParsedCommand } from './grammar';

type Ack = (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>;

interface Replies {
  ack: Ack;
  respond: RespondFn;
  client: WebClient;
}

/** Subcommands that take no arguments, and what to say when given some. */
const NO_ARGUMENTS: Record<string, string> = {
  list: '`/keys list`',
  pending: '`/keys pending`',
  vendors: '`/keys vendors`',
  help: '`/keys help`',
};

export function registerKeysCommand(app: App, ctx: BotContext): void {
  app.command('/keys', async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}.\n\n${helpText(ctx.catalog)}` });
      return;
    }
    const { subcommand } = parsed.command;
    const usage = NO_ARGUMENTS[subcommand];
    if (usage && (parsed.command.positional.length > 0 || parsed.command.options.size > 0)) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${usage} takes nothing after it.` });
      return;
    }
    const replies = { ack, respond, client };
    switch (subcommand) {
      case 'request':
        await handleRequest(parsed.command, command, replies, ctx);
        return;
      case 'list':
        await answerLater(replies, ctx, async () =>
          credentialsText(ctx.catalog, await listCredentials(ctx.temporal, command.user_id)),
        );
        return;
      case 'pending':
        await answerLater(replies, ctx, async () =>
          waitingText(
            ctx.catalog,
            await waitingOn(ctx.temporal, ctx.groups, ctx.catalog.approverGroups, command.user_id),
          ),
        );
        return;
      case 'status':
        await handleStatus(parsed.command, command.user_id, replies, ctx);
        return;
      case 'vendors':
        await answerLater(replies, ctx, async () =>
          vendorsText(ctx.catalog, await accessFor(ctx.catalog, ctx.groups, command.user_id)),
        );
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
          text: `:warning: \`${subcommand}\` is not a /keys command.\n\n${helpText(ctx.catalog)}`,
        });
    }
  });
}

/** Acknowledges at once, then answers through `response_url` once Temporal (or Slack) has replied. */
async function answerLater(replies: Replies, ctx: BotContext, answer: () => Promise<string>): Promise<void> {
  await replies.ack();
  const text = await answer().catch((error: unknown) => {
    ctx.logger.error({ err: error }, '/keys answer failed');
    return UNAVAILABLE;
  });
  await replies.respond({ response_type: 'ephemeral', text });
}

const ID = /^[a-z0-9]{6,40}$/;

async function handleStatus(parsed: ParsedCommand, userId: string, replies: Replies, ctx: BotContext): Promise<void> {
  const [id, ...extra] = parsed.positional;
  if (!id || extra.length > 0 || parsed.options.size > 0 || !ID.test(id)) {
    await replies.ack({
      response_type: 'ephemeral',
      text: ':warning: Usage: `/keys status <id>`, e.g. `/keys status k7m2q9xd4a`. Your ids are in `/keys list`.',
    });
    return;
  }
  await answerLater(replies, ctx, async () => {
    const status = await readStatus(ctx.temporal, id);
    const notFound = `No request \`${id}\` that you can see. Your requests are in \`/keys list\`.`;
    if (!status) return notFound;
    return (await maySeeStatus(ctx, userId, status.requester, status.vendorKey, status.role))
      ? statusText(ctx.catalog, status)
      : notFound;
  });
}

/** The requester, an admin, or an approver of the vendor and role (directly or through a group). */
async function maySeeStatus(
  ctx: BotContext,
  userId: string,
  requester: string,
  vendorKey: string,
  role: string,
): Promise<boolean> {
  if (userId === requester || ctx.catalog.admins.includes(userId)) return true;
  if (!ctx.catalog.vendors.has(vendorKey)) return false;
  const { approvers } = ctx.catalog.policyFor(vendorKey, role).approvals;
  return approvers.users.includes(userId) || !!(await ctx.groups.groupOf(userId, approvers.groups));
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
  ctx.logger.info(
    {
      event: outcome.kind === 'refused' ? 'request.refused' : 'request.submitted',
      requestId,
      requester: command.user_id,
      vendor: validation.request.vendorKey,
      role: validation.request.role,
      outcome: outcome.kind,
    },
    'request submitted',
  );
  await respond({ response_type: 'ephemeral', text: startedText(requestId, outcome) });
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
