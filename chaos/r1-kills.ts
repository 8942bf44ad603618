/**
 * R1: requests sent in bursts while the bot and worker processes are SIGKILLed at random moments and started
 * again. Some kills are timed at random; others fire at the moment that matters, from inside the fakes: while a
 * burst of commands is on its way (between the bot receiving a command, starting its workflow and acknowledging
 * it), when Slack receives an approval message, when the vendor receives the create-key call, and when Slack
 * receives the reveal offer (inside the delivery). A kill from a fake's hook is sent before the fake answers, so
 * the worker dies with Slack or the vendor having done the work and the worker never hearing of it.
 */
import { requestState } from '../test/support/flows';
import { APPROVAL_CHANNEL, startStack, type Stack } from '../test/support/stack';
import { awaitCompletion, countRequests, recordOf, revealsAcrossCopies, type ScenarioCounts } from './counts';
import { startFleet, type Fleet, type Role } from './fleet';
import { pause, requestInBursts, startApprovers } from './people';
import type { ChaosSizes } from './sizes';

/** In this order, so even a short run kills at the moments that matter most. */
const KINDS = ['commands', 'approval-post', 'delivery', 'vendor-create', 'timed'] as const;
type KillKind = (typeof KINDS)[number];

/** Where a kill was aimed and where it landed (a hooked kill with no matching moment in time falls back to timed). */
type Landed = KillKind | 'timed (no moment came)';

const HOOK_WAIT_MS = 8_000;
const random = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

export async function runR1(sizes: ChaosSizes): Promise<ScenarioCounts> {
  const began = Date.now();
  const stack = await startStack({ vendorRatePerSecond: 100 });
  await stack.stopWorker();
  const fleet = await startFleet(['bot', 'worker'], stack.env, stack.slack);
  const approvers = startApprovers(stack.slack, fleet.client);
  const hooks = armHooks(stack, fleet);
  try {
    const landed: Landed[] = [];
    const killing = (async () => {
      for (let i = 0; i < sizes.r1.kills; i++) {
        await pause(random(300, 1_500));
        landed.push(await hooks.kill(KINDS[i % KINDS.length] ?? 'timed'));
      }
    })();
    const tally = await requestInBursts(
      fleet.client,
      { count: sizes.r1.requests, burst: sizes.r1.burst, users: ['UREQ', 'UREQ2', 'UREQ3'], giveUpAt: began + 600_000 },
      // Bursts spread over the kills, so every kind of kill finds requests in flight.
      {
        onSent: hooks.commandsSent,
        beforeBurst: (sent) => (sent === 0 ? Promise.resolve() : pause(random(500, 2_500))),
      },
    );
    await killing;
    const ids = tally.acknowledged;
    await awaitCompletion(stack.slack, stack.vectra, ids, Date.now() + sizes.settleMs);
    const counted = countRequests(stack.slack, stack.vectra, ids, true);
    const late = countRequests(stack.slack, stack.vectra, tally.notRecorded, true);
    const repeated = await repeatedOffersRevealed(stack, fleet, ids);
    await reportIncomplete(stack, ids);
    return {
      scenario: 'R1 SIGKILL bot/worker',
      chaos: `${fleet.kills} SIGKILLs (${summarise(landed)})`,
      ...counted,
      extra: {
        'missing approval messages': counted.missingApprovals,
        'kills inside the delivery': landed.filter((kind) => kind === 'delivery').length,
        'repeated offers that revealed the key more than once': repeated.revealedTwice,
        'repeated offers that revealed it once': repeated.revealedOnce,
        'commands unanswered (bot down, typed again)': tally.unanswered,
        'answered NOT recorded': tally.notRecorded.length,
        'of those started late and completed': late.completed,
        'duplicates among late starts': late.duplicateKeys + late.duplicateApprovals + late.duplicateDeliveries,
        'started without an answer (bot killed after the start)': startedUnanswered(stack, [
          ...ids,
          ...tally.notRecorded,
        ]),
      },
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    await approvers.stop();
    stack.slack.faults = undefined;
    stack.vectra.http.rule = undefined;
    await fleet.stop();
    await stack.stop();
  }
}

/** Where each request that did not complete stands, for the report. */
async function reportIncomplete(stack: Stack, ids: readonly string[]): Promise<void> {
  const open = ids.filter((id) => {
    const record = recordOf(stack.slack, stack.vectra, id);
    return record.offers === 0 || record.keys === 0;
  });
  const states = await Promise.all(
    open.map((id) =>
      requestState(stack, id).then(
        (s) => `${id}: ${s.status} ${JSON.stringify(recordOf(stack.slack, stack.vectra, id))} ${s.failure ?? ''}`,
        (e: Error) => `${id}: ${e.message}`,
      ),
    ),
  );
  if (states.length > 0) process.stdout.write(`R1 incomplete: ${states.join('; ')}\n`);
}

/** Clicks Reveal on every copy of each repeated offer: the key must show once, whichever copy is clicked. */
async function repeatedOffersRevealed(stack: Stack, fleet: Fleet, ids: readonly string[]) {
  const client = fleet.client();
  const repeated = ids.filter((id) => recordOf(stack.slack, stack.vectra, id).offers > 1);
  const shown = client ? await Promise.all(repeated.map((id) => revealsAcrossCopies(stack.slack, client, id))) : [];
  return { revealedOnce: shown.filter((n) => n === 1).length, revealedTwice: shown.filter((n) => n > 1).length };
}

/** Requests whose approval message exists though their requester got no answer with an id. */
function startedUnanswered(stack: Stack, known: readonly string[]): number {
  const seen = new Set<string>();
  for (const call of stack.slack.callsTo('chat.postMessage')) {
    const id = /"decide:([a-z0-9]+)"/.exec(JSON.stringify(call.args.blocks ?? ''))?.[1];
    if (id && call.ok && call.args.channel === APPROVAL_CHANNEL) seen.add(id);
  }
  return [...seen].filter((id) => !known.includes(id)).length;
}

function summarise(landed: readonly Landed[]): string {
  const counts = new Map<string, number>();
  for (const kind of landed) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/** The fakes' hooks that fire an armed kill at its moment. */
function armHooks(stack: Stack, fleet: Fleet) {
  let armed: { kind: KillKind; fired: (restarted: Promise<void>) => void } | undefined;
  /** Sends the SIGKILL synchronously, before the fake that called this answers. */
  const fire = (kind: KillKind, role: Role) => {
    if (armed?.kind !== kind) return;
    const { fired } = armed;
    armed = undefined;
    fired(fleet.killAndRestart(role));
  };
  stack.slack.faults = (method, args) => {
    const blocks = JSON.stringify(args.blocks ?? '');
    if (method === 'chat.postMessage' && args.channel === APPROVAL_CHANNEL && blocks.includes('"decide:')) {
      fire('approval-post', 'worker');
    }
    if (method === 'chat.postEphemeral' && blocks.includes('"reveal:')) fire('delivery', 'worker');
    return undefined;
  };
  stack.vectra.http.rule = (request) => {
    if (request.method === 'POST' && request.path === '/api/v1/api-keys') fire('vendor-create', 'worker');
    return undefined;
  };
  return {
    /** A burst of commands is on its way: kill the bot a moment later, mid-request. */
    commandsSent: () => {
      if (armed?.kind !== 'commands') return;
      setTimeout(() => fire('commands', 'bot'), random(2, 40));
    },
    /** Kills at the moment `kind` names (or, if none comes soon, now), restarts, and says where it landed. */
    async kill(kind: KillKind): Promise<Landed> {
      if (kind === 'timed') {
        const role = pick<Role | 'both'>(['bot', 'worker', 'both']);
        await (role === 'both'
          ? Promise.all([fleet.killAndRestart('bot'), fleet.killAndRestart('worker')])
          : fleet.killAndRestart(role));
        return 'timed';
      }
      const restarted = await new Promise<{ done: Promise<void> } | undefined>((resolve) => {
        const timer = setTimeout(() => ((armed = undefined), resolve(undefined)), HOOK_WAIT_MS);
        armed = { kind, fired: (done) => (clearTimeout(timer), resolve({ done })) };
      });
      if (restarted) await restarted.done;
      else await fleet.killAndRestart('worker');
      return restarted ? kind : 'timed (no moment came)';
    },
  };
}
