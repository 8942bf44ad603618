/**
 * `npm run sandbox -- --no-slack`: every journey driven from the terminal. A fake Slack stands in for the
 * workspace; Riley (requester, and operator for the human steps) and Avery (approver) type commands and click
 * buttons through Keywarden's real, signed HTTP endpoint, and do the vendors' human steps in the fakes' web
 * consoles. The transcript shows each step as it happens; the exit status says whether every journey ended as it
 * should (delivered, the vendor's answer to a mistake handed back, revoked and proved at the vendor).
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { FakeSlack, type SlackCall } from '../test/support/fake-slack';
import { SignedSlackClient } from '../test/support/slack-client';
import { SCRIPTED_TIMERS } from './config';
import { automoxIntegrationJourney, vectraJourney } from './script/api-journeys';
import { ConsoleBrowser } from './script/browser';
import { automoxInviteJourney, gotransverseJourney, nCentralJourney } from './script/human-journeys';
import type { Journey, JourneyContext, Outcome } from './script/journey';
import { SlackPeople } from './script/slack-people';
import { watchSlack } from './script/slack-watch';
import { textArg, Transcript } from './script/transcript';
import type { SandboxSetup } from './setup';

const RILEY = 'U0RILEY';
const AVERY = 'U0AVERY';
const CHANNEL = 'C0APPROVALS';
/** The scripted people, and the channels by the names a person knows them by (Riley asks in #requests). */
const NAMES: Record<string, string> = {
  [RILEY]: 'Riley (requester)',
  [AVERY]: 'Avery (approver)',
  [CHANNEL]: 'approvals',
  CREQUESTS: 'requests',
};

const JOURNEYS: Array<[string, Journey]> = [
  ['Vectra Fusion: made, delivered and revoked by API', vectraJourney],
  ['Automox, integration mode: made, delivered and revoked by API', automoxIntegrationJourney],
  ['N-able N-central: the operator creates the user and its token', nCentralJourney],
  ['Gotransverse: the operator generates a key for exactly the API sets', gotransverseJourney],
  ['Automox, invite mode: the requester accepts the invitation and makes their key', automoxInviteJourney],
];

/** Where a message Keywarden sent appears, as a person would say it. */
function placeOf(call: SlackCall): string {
  const channel = textArg(call.args.channel);
  if (call.method === 'response_url') return 'Keywarden (ephemeral)';
  if (call.method === 'chat.postEphemeral') return `Keywarden → ${nameOf(String(call.args.user))} only`;
  if (channel.startsWith('D')) return `Keywarden → DM ${nameOf(channel.slice(1))}`;
  // Posting to a user ID posts in the bot's DM with them.
  if (/^[UW]/.test(channel)) return `Keywarden → DM ${nameOf(channel)}`;
  const name = `#${NAMES[channel] ?? channel.toLowerCase()}`;
  return call.args.thread_ts ? `Keywarden → ${name} ⤷` : `Keywarden → ${name}`;
}

function nameOf(user: string): string {
  return (NAMES[user] ?? user).split(' ')[0] ?? user;
}

async function runJourneys(ctx: JourneyContext): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [title, journey] of JOURNEYS) {
    ctx.transcript.section(title);
    try {
      outcomes.push(await journey(ctx));
    } catch (error) {
      ctx.transcript.step('sandbox', `FAILED: ${(error as Error).message}`);
      outcomes.push({ journey: title, requestId: '-', delivered: false, retried: false, revoked: false });
    }
  }
  return outcomes;
}

function summarise(transcript: Transcript, outcomes: Outcome[]): boolean {
  transcript.write('\n== Summary');
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  for (const o of outcomes) {
    const retried = o.journey.includes('API') ? '' : `  ${mark(o.retried)} mistake handed back`;
    transcript.write(
      `${o.journey.padEnd(30)} ${o.requestId.padEnd(12)} ${mark(o.delivered)} delivered${retried}  ${mark(o.revoked)} revoked`,
    );
  }
  const ok = outcomes.every((o) => o.delivered && o.revoked && (o.journey.includes('API') || o.retried));
  transcript.write(ok ? 'Every journey ended as it should.' : 'Some journeys did not end as they should.');
  return ok;
}

/** Runs every journey; resolves true when all ended as they should. */
export async function runScripted(setup: SandboxSetup, out: Writable, logger: Logger): Promise<boolean> {
  const { fakes } = setup;
  const transcript = new Transcript(out, NAMES);
  const slack = new FakeSlack(`xoxb-sandbox-${randomBytes(6).toString('hex')}`);
  const signingSecret = randomBytes(16).toString('hex');
  const slackEnv = {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: await slack.start(),
    PORT: '0',
  };
  const people = { user: RILEY, channel: CHANNEL, approvers: [AVERY] };
  transcript.write('Keywarden sandbox without Slack: a fake Slack, every vendor a fake on loopback.');
  transcript.write('Riley asks for keys and does the vendors’ human steps (as their operator); Avery approves.');
  const keywarden = await setup.start({ people, timers: SCRIPTED_TIMERS, slackEnv, logger }).catch(async (error) => {
    await slack.stop();
    throw error;
  });
  const client = new SignedSlackClient(`http://127.0.0.1:${keywarden.port}/slack/events`, signingSecret, slack);
  const consoles = Object.fromEntries(fakes.all.map((fake) => [fake.key, new ConsoleBrowser(fake.consoleUrl)]));
  for (const fake of fakes.all) transcript.write(`  ${fake.key.padEnd(13)} console ${fake.consoleUrl}`);
  const watcher = watchSlack(slack, transcript, placeOf);
  const ctx: JourneyContext = {
    people: new SlackPeople(slack, client, transcript, NAMES),
    transcript,
    requester: RILEY,
    approver: AVERY,
    channel: CHANNEL,
    consoles,
  };
  try {
    const outcomes = await runJourneys(ctx);
    watcher.stop();
    return summarise(transcript, outcomes);
  } finally {
    watcher.stop();
    await keywarden.stop();
    await slack.stop();
  }
}
