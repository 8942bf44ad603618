/**
 * Who the sandbox user is and where approvals go, when not given by flag. A real user can always do two things:
 * invite the bot to a channel, and copy their own member ID. So the channel is the bot's only channel, and the
 * user is the only person in it besides the bot; otherwise they are asked (or told which flag to pass).
 */
import type { WebClient } from '@slack/web-api';
import { slackIdProblem, SLACK_USER } from '../vendors/slack-id';

export interface Identity {
  user: string;
  channel: string;
  /** The workspace, for the guide. */
  team?: string;
}

/** Asks the person at the terminal; undefined when nobody can answer (no TTY). */
export type Ask = ((question: string) => Promise<string>) | undefined;

const INVITE_FIX =
  'create a channel for the sandbox (e.g. #keywarden-sandbox), type /invite @Keywarden in it, and run npm run sandbox again (or pass --channel C…)';

async function findChannel(slack: WebClient): Promise<string | string[]> {
  const { channels = [] } = await slack.users.conversations({
    types: 'public_channel,private_channel',
    exclude_archived: true,
    limit: 200,
  });
  const [only, ...more] = channels;
  if (!only?.id) return [`the bot is in no channel yet: ${INVITE_FIX}`];
  if (more.length === 0) return only.id;
  const list = channels.map((c) => `#${c.name ?? '?'} (${c.id ?? '?'})`).join(', ');
  return [`the bot is in several channels (${list}): pass the approval channel with --channel C…`];
}

async function onlyPersonIn(slack: WebClient, channel: string): Promise<string | undefined> {
  const { members = [] } = await slack.conversations.members({ channel, limit: 200 });
  const people: string[] = [];
  for (const member of members) {
    const { user } = await slack.users.info({ user: member });
    if (user && !user.is_bot && !user.deleted && member !== 'USLACKBOT') people.push(member);
  }
  return people.length === 1 ? people[0] : undefined;
}

async function askForUser(ask: Ask): Promise<string | string[]> {
  const fix = 'pass your member ID with --user U… (Slack: your profile → ⋮ → Copy member ID)';
  if (!ask) return [`cannot tell who you are: ${fix}`];
  for (;;) {
    const answer = (await ask('Your Slack member ID (your profile → ⋮ → Copy member ID): ')).trim();
    const problem = slackIdProblem(answer, SLACK_USER);
    if (!problem) return answer;
    process.stdout.write(`  ${problem}\n`);
  }
}

/** The sandbox user and approval channel, or the problems that stop the sandbox (each with its fix). */
export async function identify(
  slack: WebClient,
  given: { user?: string; channel?: string },
  ask: Ask,
): Promise<Identity | string[]> {
  let team: string | undefined;
  try {
    team = (await slack.auth.test()).team;
  } catch (error) {
    return [`SLACK_BOT_TOKEN: Slack refused it (${(error as Error).message}); copy the Bot User OAuth Token again`];
  }
  const channel = given.channel ?? (await findChannel(slack));
  if (Array.isArray(channel)) return channel;
  const user = given.user ?? (await onlyPersonIn(slack, channel)) ?? (await askForUser(ask));
  if (Array.isArray(user)) return user;
  return { user, channel, ...(team ? { team } : {}) };
}
