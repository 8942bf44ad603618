/**
 * P1: how fast Keywarden acknowledges Slack, at `concurrency` signed requests at once, for `/keys help`,
 * `/keys request` (which acknowledges only once its workflow is started), an Approve click and a request-modal
 * submission; beside a bare Bolt app that only acknowledges the same requests, measured in alternating rounds.
 */
import { performance } from 'node:perf_hooks';
import type { StoredMessage } from '../test/support/fake-slack';
import { SignedSlackClient, type BotResponse, type ViewPayload } from '../test/support/slack-client';
import { APPROVAL_CHANNEL, SIGNING_SECRET, startStack, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import { startBareBolt } from './bare-bolt';
import { summarize, type Figure } from './stats';

export interface P1Options {
  concurrency: number;
  rounds: number;
}

const REQUESTER = 'UBENCH';
const APPROVER = 'UALICE';
/** One batch's requests, sent to both apps: each call gets the client to send it to. */
type Batch = Array<(client: SignedSlackClient) => Promise<BotResponse>>;

interface Kind {
  name: string;
  /** One batch of `n` requests for round `round`; both apps get the same batch (every send signs afresh). */
  batch(stack: Stack, n: number, round: number): Promise<Batch>;
}

async function timeBatch(batch: Batch, client: SignedSlackClient, into: number[], errors: string[]): Promise<void> {
  await Promise.all(
    batch.map(async (send) => {
      const started = performance.now();
      const res = await send(client);
      into.push(performance.now() - started);
      if (res.status !== 200) errors.push(`${res.status} ${res.body.slice(0, 200)}`);
    }),
  );
}

const requestText = (round: number, i: number) => `request vectra role=readonly ttl=30d purpose="bench ${round}-${i}"`;

/** The approval messages of the requests P1 made, each clicked once. */
function unclickedApprovals(stack: Stack, clicked: Set<string>, n: number): StoredMessage[] {
  const open = stack.slack.channelMessages(APPROVAL_CHANNEL).filter((m) => !m.threadTs && !clicked.has(m.ts));
  const withButtons = open.filter((m) => JSON.stringify(m.blocks).includes('"Approve"'));
  return withButtons.length >= n ? withButtons.slice(0, n) : [];
}

function kinds(): Kind[] {
  const clicked = new Set<string>();
  let modals = 0;
  return [
    {
      name: '/keys help',
      batch: (_s, n) => Promise.resolve(Array.from({ length: n }, () => (c) => c.command(REQUESTER, 'help'))),
    },
    {
      name: '/keys request',
      batch: (_s, n, round) =>
        Promise.resolve(Array.from({ length: n }, (_, i) => (c) => c.command(REQUESTER, requestText(round, i)))),
    },
    {
      name: 'button click (Approve)',
      async batch(stack, n) {
        const messages = await eventually(
          () => {
            const found = unclickedApprovals(stack, clicked, n);
            return found.length > 0 && found;
          },
          `${n} approval messages`,
          120_000,
        );
        for (const m of messages) clicked.add(m.ts);
        return messages.map((message) => (c) => c.click(APPROVER, message, 'Approve', { stale: true }));
      },
    },
    {
      name: 'modal submission',
      async batch(stack, n) {
        const first = modals;
        modals += n;
        await Promise.all(
          Array.from({ length: n }, (_, i) =>
            stack.client.command(REQUESTER, 'request vectra ttl=12h', { triggerId: `bench-modal-${first + i}` }),
          ),
        );
        const views = await eventually(() => {
          const opened = stack.slack
            .callsTo('views.open')
            .filter((call) => String(call.args.trigger_id).startsWith('bench-modal-'));
          return opened.length >= first + n && opened.slice(first, first + n);
        }, `${n} request modals`);
        const values = { vendor: 'vectra', role: 'readonly', ttl: '12h', purpose: 'Nightly export' };
        return views.map((call) => (c) => c.submitView(REQUESTER, call.args.view as ViewPayload, values));
      },
    },
  ];
}

export async function runP1(options: P1Options): Promise<Figure[]> {
  const stack = await startStack({ logLevel: 'info', approvers: [APPROVER, 'UBOB'] });
  const bare = await startBareBolt(SIGNING_SECRET, stack.slack.botToken, `${stack.slack.url}/api/`);
  const floorClient = new SignedSlackClient(bare.endpoint, SIGNING_SECRET, stack.slack);
  const figures: Figure[] = [];
  try {
    for (const kind of kinds()) {
      const keywarden: number[] = [];
      const floor: number[] = [];
      const errors: string[] = [];
      // Round 0 warms both apps up and is not counted.
      for (let round = 0; round <= options.rounds; round++) {
        const ours = round === 0 ? [] : keywarden;
        const theirs = round === 0 ? [] : floor;
        const batch = await kind.batch(stack, options.concurrency, round);
        // Alternate which goes first, so neither always meets the other's leftovers.
        if (round % 2 === 0) {
          await timeBatch(batch, stack.client, ours, errors);
          await timeBatch(batch, floorClient, theirs, []);
        } else {
          await timeBatch(batch, floorClient, theirs, []);
          await timeBatch(batch, stack.client, ours, errors);
        }
      }
      process.stdout.write(`P1: ${kind.name} measured; letting what it set off settle\n`);
      // What this kind set off (approvals, provisioning) must not weigh on the next kind, nor outlive the stack.
      await quiet(stack);
      if (errors.length)
        process.stdout.write(`P1 ${kind.name}: ${errors.length} answers were not 200, e.g. ${errors[0]}\n`);
      figures.push(...latencyFigures(kind.name, keywarden, floor));
    }
  } finally {
    await bare.stop();
    await stack.stop();
  }
  return figures;
}

/**
 * Waits until the work P1 set off (approvals, provisioning, follow-ups after acknowledgements) has stopped reaching
 * Slack, so the stack stops with no call in flight.
 */
async function quiet(stack: Stack): Promise<void> {
  let seen = -1;
  let calm = 0;
  const deadline = Date.now() + 90_000;
  while (calm < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    calm = stack.slack.calls.length === seen ? calm + 1 : 0;
    seen = stack.slack.calls.length;
  }
}

function latencyFigures(name: string, keywarden: number[], floor: number[]): Figure[] {
  const ours = summarize(keywarden);
  const theirs = summarize(floor);
  const common = { phase: 'P1', unit: 'ms', floorName: 'bare Bolt' };
  return [
    { ...common, name: `${name} ack p50`, value: ours.p50, floor: theirs.p50 },
    { ...common, name: `${name} ack p99`, value: ours.p99, floor: theirs.p99, target: { kind: 'ratio', max: 1.1 } },
  ];
}
