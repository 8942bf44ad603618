/**
 * `/keys revoke <id>`, `/keys rotate <id>`, `/keys extend <id> <duration>`: the owner's or an admin's actions.
 * The workflow's answer is awaited only within the acknowledgement budget: when it is quick it is the
 * acknowledgement; when it is not, the person hears "working on it" at once and the answer through `response_url`.
 */
import { DURATION_HINT, parseDuration } from '../../../workflows/duration';
import type { CredentialAction } from '../../../workflows/types';
import { within } from '../../shared/bounded';
import { respondPrivately, type Subcommand, type SubcommandInput } from '../../shared/replies';
import { credentialIdValue, readValue } from '../../shared/action-values';
import { actOnCredential, WORKING_ON_IT } from './act';
import { quoteTyped } from '../../views/format';

const USAGE: Record<string, string> = {
  revoke: '`/keys revoke <id>`',
  rotate: '`/keys rotate <id>`',
  extend: '`/keys extend <id> <duration>` (e.g. `/keys extend k7m2q9xd4a 7d`)',
};

/** The action the command asks for, or what is wrong with it. */
function actionOf({ parsed, command }: SubcommandInput): { id: string; action: CredentialAction } | string {
  const [word, duration, ...extra] = parsed.positional;
  const id = readValue(credentialIdValue, word);
  const wanted = parsed.subcommand === 'extend' ? 2 : 1;
  if (!id || parsed.positional.length !== wanted || parsed.options.size > 0 || extra.length > 0) {
    return `:warning: Usage: ${USAGE[parsed.subcommand]}. The id is in your delivery message and in \`/keys pending\`.`;
  }
  const userId = command.user_id;
  if (parsed.subcommand !== 'extend') {
    return { id, action: { kind: parsed.subcommand === 'revoke' ? 'revoke' : 'rotate', userId } };
  }
  const extendByMs = parseDuration(duration ?? '');
  if (extendByMs === undefined) return `:warning: ${quoteTyped(duration)} is not a duration: use ${DURATION_HINT}.`;
  return { id, action: { kind: 'extend', userId, extendByMs } };
}

export const credentialCommand: Subcommand = async (input) => {
  const { replies, ctx } = input;
  const asked = actionOf(input);
  if (typeof asked === 'string') return replies.ack({ response_type: 'ephemeral', text: asked });
  // "Working on it" is already said once the budget has passed; no second interim note.
  const answer = actOnCredential(ctx, asked.id, asked.action, () => Promise.resolve());
  const quick = await within(answer, ctx.bounds.beforeAckMs);
  if (quick.settled) return replies.ack({ response_type: 'ephemeral', text: quick.value });
  await replies.ack({ response_type: 'ephemeral', text: WORKING_ON_IT });
  await respondPrivately(replies, ctx, await quick.pending);
};
