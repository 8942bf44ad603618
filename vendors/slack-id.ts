/**
 * Slack IDs as people paste them into `keywarden.yaml`: an ID that is almost right (a lowercase letter, a space, a
 * mention, a channel where a user belongs) is refused with the reason — which character, and what shape is
 * expected — so one look at the message fixes it.
 */
import { z } from 'zod';

/** What an ID names, with the letters it may start with and an example of its shape. */
export interface SlackIdKind {
  name: string;
  prefixes: readonly string[];
  example: string;
}

export const SLACK_USER: SlackIdKind = { name: 'Slack user ID', prefixes: ['U', 'W'], example: 'U012ABCDEF' };
export const SLACK_CHANNEL: SlackIdKind = {
  name: 'Slack channel ID',
  prefixes: ['C', 'G', 'D'],
  example: 'C012ABCDEF',
};
export const SLACK_GROUP: SlackIdKind = { name: 'Slack user group ID', prefixes: ['S'], example: 'S012ABCDEF' };
export const SLACK_PRINCIPAL: SlackIdKind = {
  name: 'Slack user ID (U…) or user group ID (S…)',
  prefixes: ['U', 'W', 'S'],
  example: 'U012ABCDEF',
};

/** What each first letter names, to say what a misplaced ID is. */
const NAMED_BY_PREFIX: Record<string, string> = {
  U: 'a user ID',
  W: 'a user ID',
  C: 'a channel ID',
  G: 'a private channel ID',
  D: 'a direct-message ID',
  S: 'a user group ID',
  T: 'a workspace ID',
  B: 'a bot ID',
  A: 'an app ID',
};

function shape(kind: SlackIdKind): string {
  const starts = kind.prefixes.join(' or ');
  return `a ${kind.name} is ${starts} followed by capital letters and digits, e.g. ${kind.example}`;
}

function describeCharacter(char: string): string {
  if (/\s/.test(char)) return 'a space';
  if (/[a-z]/.test(char)) return `"${char}", a lowercase letter`;
  return `"${char}"`;
}

/** Why `id` is not a well-formed ID of this kind, or undefined when it is. */
export function slackIdProblem(id: string, kind: SlackIdKind): string | undefined {
  const mention = /^<[@#!](?:subteam\^)?([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(id);
  if (mention) return `"${id}" is a mention; write the bare ID ${mention[1]}`;
  if (/^[@#]/.test(id)) {
    return `"${id}" is a name, not an ID; copy the ID (a person: profile → ⋮ → Copy member ID; a channel: channel name → About → Channel ID); ${shape(kind)}`;
  }
  if (id.length === 0) return `the ID is empty; ${shape(kind)}`;
  const first = id.charAt(0);
  if (!kind.prefixes.includes(first.toUpperCase())) {
    const named = NAMED_BY_PREFIX[first.toUpperCase()];
    const what = named ? `, which makes it ${named}` : '';
    return `"${id}" starts with "${first}"${what}; ${shape(kind)}`;
  }
  const bad = [...id].findIndex((char, i) => (i === 0 ? char !== char.toUpperCase() : !/[A-Z0-9]/.test(char)));
  if (bad >= 0) return `"${id}" has ${describeCharacter(id.charAt(bad))} at character ${bad + 1}; ${shape(kind)}`;
  if (id.length < 3) return `"${id}" is too short; ${shape(kind)}`;
  return undefined;
}

/** A zod schema for one ID of this kind, refusing malformed ones with the reason. */
export function slackIdSchema(kind: SlackIdKind) {
  return z.string().superRefine((id, ctx) => {
    const problem = slackIdProblem(id, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be a ${kind.name}: ${problem}` });
  });
}
