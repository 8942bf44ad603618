/**
 * R3: the vendor misbehaves. Every call to the Vectra Fusion fake is, at random, answered 503 (30 %), 429 with a
 * `Retry-After` of 1–3 s (10 %) or never answered (5 %, the client times out); CI uses lower rates (`sizes.ts`). Auto-approved requests must all
 * complete with one key and one delivery each, and after a 429 the next call for the same key must come no
 * sooner than `Retry-After` says, read from the fake's own arrival times.
 */
import type { FakeRequest, Fault } from '../vendors/fake-kit/server';
import { requestState } from '../test/support/flows';
import { startStack } from '../test/support/stack';
import { awaitCompletion, countRequests, type ScenarioCounts } from './counts';
import { requestInBursts } from './people';
import type { ChaosSizes } from './sizes';

interface Arrival {
  at: number;
  /** The credential the call is about (`keywarden-<id>` in its path or body), when it names one. */
  key?: string;
  fault?: 'http_503' | 'ratelimited' | 'hang';
  retryAfterMs?: number;
}

function keyOf(request: FakeRequest): string | undefined {
  return /keywarden-[a-z0-9]+/.exec(`${request.path} ${request.rawBody}`)?.[0];
}

type Rates = ChaosSizes['r3']['rates'];

/** The fault for one call, drawn at `rates`, logged with the call's arrival. */
function drawFault(log: Arrival[], request: FakeRequest, rates: Rates): Fault | undefined {
  const roll = Math.random();
  const key = keyOf(request);
  const arrival: Arrival = { at: Date.now(), ...(key ? { key } : {}) };
  log.push(arrival);
  if (roll < rates.unavailable) {
    arrival.fault = 'http_503';
    return { respond: { status: 503, body: { status: 503, name: 'ServiceUnavailable', message: 'try later' } } };
  }
  if (roll < rates.unavailable + rates.rateLimited) {
    const seconds = 1 + Math.floor(Math.random() * 3);
    Object.assign(arrival, { fault: 'ratelimited', retryAfterMs: seconds * 1000 });
    const body = { status: 429, name: 'TooManyRequests', message: 'slow down' };
    return { respond: { status: 429, headers: { 'retry-after': String(seconds) }, body } };
  }
  if (roll < rates.unavailable + rates.rateLimited + rates.hang) {
    arrival.fault = 'hang';
    return { hang: true };
  }
  return undefined;
}

/** 429s that name a key, and how many of them the next call for that key respected. */
function retryAfterChecks(log: readonly Arrival[]): { checked: number; honoured: number } {
  let checked = 0;
  let honoured = 0;
  log.forEach((arrival, i) => {
    if (arrival.fault !== 'ratelimited' || !arrival.key) return;
    const next = log.slice(i + 1).find((later) => later.key === arrival.key);
    if (!next) return;
    checked += 1;
    if (next.at >= arrival.at + (arrival.retryAfterMs ?? 0)) honoured += 1;
  });
  return { checked, honoured };
}

export async function runR3(sizes: ChaosSizes): Promise<ScenarioCounts> {
  const began = Date.now();
  const stack = await startStack({ vendorRatePerSecond: 100, approvals: ['auto_approve: [UREQ]'] });
  const log: Arrival[] = [];
  stack.vectra.http.rule = (request) => drawFault(log, request, sizes.r3.rates);
  try {
    const tally = await requestInBursts(() => stack.client, {
      count: sizes.r3.requests,
      burst: sizes.r3.requests,
      users: ['UREQ'],
      giveUpAt: began + 60_000,
    });
    await awaitCompletion(stack.slack, stack.vectra, tally.acknowledged, Date.now() + sizes.settleMs);
    const counted = countRequests(stack.slack, stack.vectra, tally.acknowledged, false);
    const retryAfter = retryAfterChecks(log);
    const open = tally.acknowledged.filter(
      (id) =>
        !stack.slack
          .callsTo('chat.postEphemeral')
          .some((c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${id}"`)),
    );
    const states = await Promise.all(
      open.map((id) =>
        requestState(stack, id).then(
          (s) => `${id}: ${s.status} ${s.failure ?? ''}`,
          (e: Error) => `${id}: ${e.message}`,
        ),
      ),
    );
    if (states.length > 0) process.stdout.write(`R3 incomplete: ${states.join('; ')}\n`);
    const failed = states.filter((line) => / failed /.test(line)).length;
    const faults = (kind: Arrival['fault']) => log.filter((a) => a.fault === kind).length;
    return {
      scenario: 'R3 vendor faults',
      chaos: `${log.length} vendor calls: ${faults('http_503')} answered 503, ${faults('ratelimited')} 429, ${faults('hang')} hung`,
      ...counted,
      extra: {
        '429s followed by a call for the same key': retryAfter.checked,
        'of those after Retry-After': retryAfter.honoured,
        'Retry-After violations': retryAfter.checked - retryAfter.honoured,
        'failed (vendor retries exhausted)': failed,
        'still retrying at the bound': states.length - failed,
      },
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    stack.vectra.http.rule = undefined;
    await stack.stop();
  }
}
