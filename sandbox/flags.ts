/** `npm run sandbox -- [--no-slack] [--user U…] [--channel C…] [--dir path]`: the sandbox's own flags. */
import { slackIdProblem, SLACK_CHANNEL, SLACK_USER } from '../vendors/slack-id';

export interface SandboxFlags {
  /** Drive every journey from the terminal over a fake Slack, with a scripted requester and approver. */
  noSlack: boolean;
  /** Who you are in Slack (requester, approver and operator); found from the channel when left out. */
  user?: string;
  /** The approval channel; the bot's only channel when left out. */
  channel?: string;
  /** Where the sandbox keeps its configuration, logs and Temporal database (fresh on every run). */
  dir: string;
}

export const SANDBOX_USAGE =
  'usage: npm run sandbox -- [--no-slack] [--user U012ABCDEF] [--channel C012ABCDEF] [--dir .keywarden/sandbox]';

/** The flags, or every problem with them. */
export function parseSandboxFlags(args: readonly string[]): SandboxFlags | string[] {
  const flags: SandboxFlags = { noSlack: false, dir: '.keywarden/sandbox' };
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = () => args[++i] ?? '';
    if (arg === '--no-slack') flags.noSlack = true;
    else if (arg === '--user') flags.user = value();
    else if (arg === '--channel') flags.channel = value();
    else if (arg === '--dir') flags.dir = value();
    else problems.push(`unknown argument "${arg}"`);
  }
  const userProblem = flags.user === undefined ? undefined : slackIdProblem(flags.user, SLACK_USER);
  if (userProblem) problems.push(`--user: ${userProblem}`);
  const channelProblem = flags.channel === undefined ? undefined : slackIdProblem(flags.channel, SLACK_CHANNEL);
  if (channelProblem) problems.push(`--channel: ${channelProblem}`);
  if (!flags.dir) problems.push('--dir: give a directory');
  return problems.length > 0 ? [...problems, SANDBOX_USAGE] : flags;
}
