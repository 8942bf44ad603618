/**
 * The people around a chaos run, played through the bot's real HTTP endpoint: requesters typing `/keys request`
 * (again, as a person would, when Slack could not reach the bot), and approvers clicking Approve on every approval
 * message as it looks now. The bot's endpoint may change while they work (a restarted process listens on a new
 * port), so they ask for the current client each time.
 */
import { randomUUID } from 'node:crypto';
import type { FakeSlack } from '../test/support/fake-slack';
import type { SignedSlackClient } from '../test/support/slack-client';
import { APPROVAL_CHANNEL } from '../test/support/stack';

/** Where the bot can be reached now; undefined while it is down. */
export type CurrentClient = () => SignedSlackClient | undefined;

export const VECTRA_REQUEST = 'request vectra role=readonly ttl=30d purpose="chaos run"';

/** What one typed command came to, from the requester's side. */
export type CommandOutcome =
  | { kind: 'acknowledged'; requestId: string }
  /** The bot answered that the request is NOT recorded (it may still start late, and say so). */
  | { kind: 'not-recorded'; requestId: string }
  /** No answer: the bot was down or died mid-request (Slack shows the person an error). */
  | { kind: 'unanswered' }
  | { kind: 'other'; text: string };

export async function typeRequest(
  client: SignedSlackClient,
  user: string,
  text = VECTRA_REQUEST,
): Promise<CommandOutcome> {
  try {
    const res = await client.command(user, text, { triggerId: `trigger-${randomUUID()}` });
    if (res.status !== 200) return { kind: 'unanswered' };
    const answer = res.json().text;
    const ack = typeof answer === 'string' ? answer : '';
    const requestId = /Request `([a-z0-9]+)`/.exec(ack)?.[1];
    if (requestId && ack.includes('NOT recorded')) return { kind: 'not-recorded', requestId };
    if (requestId && /is with the approvers|approved by policy/.test(ack)) {
      return { kind: 'acknowledged', requestId };
    }
    return { kind: 'other', text: ack };
  } catch {
    return { kind: 'unanswered' };
  }
}

export interface RequesterTally {
  acknowledged: string[];
  notRecorded: string[];
  unanswered: number;
  other: string[];
}

/**
 * Sends commands in bursts until `count` are acknowledged (retrying, as a person would, those that got no answer
 * or were not recorded), `burst` at a time. Chaos hooks: `beforeBurst` runs before each burst, `onSent` as soon as
 * its commands are on their way.
 */
export async function requestInBursts(
  current: CurrentClient,
  options: { count: number; burst: number; users: string[]; text?: string; giveUpAt: number },
  hooks: { beforeBurst?: (sent: number) => Promise<void>; onSent?: () => void } = {},
): Promise<RequesterTally> {
  const tally: RequesterTally = { acknowledged: [], notRecorded: [], unanswered: 0, other: [] };
  let sent = 0;
  while (tally.acknowledged.length < options.count && Date.now() < options.giveUpAt) {
    await hooks.beforeBurst?.(sent);
    const client = current();
    if (!client) {
      await pause(200);
      continue;
    }
    const size = Math.min(options.burst, options.count - tally.acknowledged.length);
    const typed = Array.from({ length: size }, (_, i) =>
      typeRequest(client, options.users[(sent + i) % options.users.length] ?? 'UREQ', options.text),
    );
    hooks.onSent?.();
    const outcomes = await Promise.all(typed);
    sent += size;
    for (const outcome of outcomes) {
      if (outcome.kind === 'acknowledged') tally.acknowledged.push(outcome.requestId);
      else if (outcome.kind === 'not-recorded') tally.notRecorded.push(outcome.requestId);
      else if (outcome.kind === 'unanswered') tally.unanswered += 1;
      else tally.other.push(outcome.text);
    }
  }
  return tally;
}

/**
 * Approvers: every 200 ms, click Approve (as UALICE) on each approval message that still offers it. A click the
 * bot did not answer is simply made again on a later round, as a person would.
 */
export function startApprovers(slack: FakeSlack, current: CurrentClient): { stop(): Promise<void> } {
  let running = true;
  const clickedAt = new Map<string, number>();
  const loop = (async () => {
    while (running) {
      const client = current();
      const offering = slack
        .channelMessages(APPROVAL_CHANNEL)
        .filter((m) => JSON.stringify(m.blocks).includes('"Approve"'))
        .filter((m) => Date.now() - (clickedAt.get(m.ts) ?? 0) > 3_000);
      if (client) {
        await Promise.all(
          offering.map(async (message) => {
            clickedAt.set(message.ts, Date.now());
            await client.click('UALICE', message, 'Approve').catch(() => undefined);
          }),
        );
      }
      await pause(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
