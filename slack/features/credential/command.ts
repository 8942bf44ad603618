/** `/keys revoke <id>`, `/keys rotate <id>`, `/keys extend <id> <duration>`: the owner's or an admin's actions. */
import { DURATION_HINT, parseDuration } from '../../workflows/duration';
import { actOnCredential } from '../actions/credential';
import type { BotContext } from '../context';
import type { ParsedCommand } from './grammar';

const USAGE: Record<string, string> = {
  revoke: '`/keys revoke <id>`',
  rotate: '`/keys rotate <id>`',
  extend: '`/keys extend <id> <duration>` (e.g. `/keys extend k7m2q9xd4a 7d`)',
};

export async function credentialCommand(command: ParsedCommand, userId: string, ctx: BotContext): Promise<string> {
  const [id, duration, ...extra] = command.positional;
  const wanted = command.subcommand === 'extend' ? 2 : 1;
  if (
    !id ||
    /[^a-z0-9-]/.test(id) ||
    command.positional.length !== wanted ||
    command.options.size > 0 ||
    extra.length > 0
  ) {
    return `:warning: Usage: ${USAGE[command.subcommand]}. The id is in your delivery message and in \`/keys pending\`.`;
  }
  if (command.subcommand === 'extend') {
    const extendByMs = parseDuration(duration ?? '');
    if (extendByMs === undefined) return `:warning: \`${duration}\` is not a duration: use ${DURATION_HINT}.`;
    return actOnCredential(ctx, id, { kind: 'extend', userId, extendByMs });
  }
  return actOnCredential(ctx, id, { kind: command.subcommand === 'revoke' ? 'revoke' : 'rotate', userId });
}
