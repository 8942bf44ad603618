/**
 * `/keys`: answers bad input at once with an ephemeral explanation (with usage), opens the request modal when
 * fields are missing, and otherwise acknowledges within Slack's 3 seconds and does the work after.
 */
import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { listCredentials } from '../listing/credentials';
import { waitingOn } from '../listing/waiting';
import { accessFor } from '../requests/access';
import { helpText } from '../views/help';
import { credentialsText, waitingText } from '../views/listing';
import { vendorsText } from '../views/vendors';
import { credentialCommand } from './credential';
import { parseCommand } from './grammar';
import { answerLater } from './replies';
import { handleRequest } from './request';
import { handleStatus } from './status';

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
          credentialsText(ctx.catalog, await listCredentials(ctx, command.user_id)),
        );
        return;
      case 'pending':
        await answerLater(replies, ctx, async () => waitingText(ctx.catalog, await waitingOn(ctx, command.user_id)));
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
