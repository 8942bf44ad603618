/**
 * `/keys`: parses the text, answers bad input and `help` at once with an ephemeral explanation (with usage),
 * and hands every other subcommand to the feature that owns it. Each acknowledges within its bound.
 */
import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import type { Subcommand } from '../shared/replies';
import { helpText } from '../views/help';
import { parseCommand } from './grammar';
import { quoteTyped } from '../views/format';

/**
 * Subcommands that take no arguments, and what to say when given some. A Map, not an object: a typed word such as
 * `__proto__` must not find Object's prototype (found by the chaos fuzz: "[object Object] takes nothing after it").
 */
const NO_ARGUMENTS = new Map<string, string>([
  ['list', '`/keys list`'],
  ['pending', '`/keys pending`'],
  ['vendors', '`/keys vendors`'],
  ['help', '`/keys help`'],
]);

/** Registers `/keys` with the features' subcommands. */
export function registerKeysCommand(app: App, ctx: BotContext, subcommands: ReadonlyMap<string, Subcommand>): void {
  app.command('/keys', async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}.\n\n${helpText(ctx.catalog)}` });
      return;
    }
    const { subcommand } = parsed.command;
    const usage = NO_ARGUMENTS.get(subcommand);
    if (usage && (parsed.command.positional.length > 0 || parsed.command.options.size > 0)) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${usage} takes nothing after it.` });
      return;
    }
    const handler = subcommands.get(subcommand);
    if (handler) {
      await handler({ parsed: parsed.command, command, replies: { ack, respond, client }, ctx });
      return;
    }
    const text =
      subcommand === 'help'
        ? helpText(ctx.catalog)
        : `:warning: ${quoteTyped(subcommand)} is not a /keys command.\n\n${helpText(ctx.catalog)}`;
    await ack({ response_type: 'ephemeral', text });
  });
}
