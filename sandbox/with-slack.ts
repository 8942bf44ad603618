/**
 * `npm run sandbox`: Keywarden in the user's own workspace, with only the Slack tokens set (Socket Mode with
 * `SLACK_APP_TOKEN`, HTTP mode with `SLACK_SIGNING_SECRET`). Every vendor is its fake; the user is requester,
 * approver and operator.
 */
import type { Logger } from 'pino';
import { slackWebClient } from '../slack/client';
import { SLACK_TIMERS } from './config';
import type { SandboxFlags } from './flags';
import { guide } from './guide';
import { identify, type Ask } from './identify';
import type { RunningKeywarden } from './keywarden';
import type { SandboxSetup } from './setup';

const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL', 'PORT'];

/** Only the caller's Slack settings carry over. */
function slackSettings(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    SLACK_VARIABLES.flatMap((name) => (base[name]?.trim() ? [[name, (base[name] ?? '').trim()]] : [])),
  );
}

/** What is missing before Slack can even be asked who the user is. */
function missingTokens(slack: Record<string, string>): string[] {
  const problems: string[] = [];
  if (!slack.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: set it to the app’s Bot User OAuth Token (xoxb-…)');
  if (!slack.SLACK_APP_TOKEN && !slack.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_APP_TOKEN (Socket Mode, xapp-…) or SLACK_SIGNING_SECRET (HTTP mode): set one');
  }
  return problems;
}

export async function runWithSlack(
  setup: SandboxSetup,
  flags: SandboxFlags,
  io: { base: Readonly<Record<string, string | undefined>>; ask: Ask; logger: Logger; logFile: string },
): Promise<RunningKeywarden | string[]> {
  const slackEnv = slackSettings(io.base);
  const missing = missingTokens(slackEnv);
  if (missing.length > 0) return [...missing, 'or run npm run sandbox -- --no-slack for a demo without Slack'];
  const web = slackWebClient(
    { botToken: slackEnv.SLACK_BOT_TOKEN ?? '', apiUrl: slackEnv.SLACK_API_URL, port: 0 },
    { retries: 1, logger: io.logger },
  );
  const identity = await identify(web, flags, io.ask);
  if (Array.isArray(identity)) return identity;
  const people = { user: identity.user, channel: identity.channel };
  const keywarden = await setup.start({ people, timers: SLACK_TIMERS, slackEnv, logger: io.logger });
  process.stdout.write(
    guide({
      identity,
      fakes: setup.fakes,
      port: keywarden.port,
      logFile: io.logFile,
      ...(keywarden.webUi ? { webUi: keywarden.webUi } : {}),
    }),
  );
  return keywarden;
}
