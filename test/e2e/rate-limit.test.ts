/**
 * Vendor rate limits hold across workers: a burst of auto-approved requests, served by two worker processes, never
 * starts one vendor's steps faster than its `rate_limit_per_second`. The Temporal server enforces the rate on the
 * vendor's own task queue; the start times are read back from the workflows' histories (the server's clock).
 */
import { requestKey } from '../support/flows';
import { startAll, type KeywardenProcess } from '../support/processes';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

const RATE = 2;
const REQUESTS = 8;

let stack: Stack;
let workers: KeywardenProcess[] = [];

beforeAll(async () => {
  stack = await startStack({ vendorRatePerSecond: RATE, approvals: ['auto_approve: [UREQ]'] });
  await stack.stopWorker();
  workers = await startAll([
    { role: 'worker', env: stack.env },
    { role: 'worker', env: stack.env },
  ]);
}, 300_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  await stack?.stop();
});

/** When the server started each vendor step of a request (ms since epoch). */
async function vendorStepStarts(requestId: string): Promise<number[]> {
  const history = await stack.temporal.workflow.getHandle(`request-${requestId}`).fetchHistory();
  const vendorScheduled = new Set<string>();
  const starts: number[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.taskQueue?.name?.includes('.vendor.')) vendorScheduled.add(String(event.eventId));
    const started = event.activityTaskStartedEventAttributes;
    if (started && vendorScheduled.has(String(started.scheduledEventId))) {
      const { seconds, nanos } = event.eventTime ?? {};
      starts.push(Number(seconds ?? 0) * 1000 + Math.floor((nanos ?? 0) / 1e6));
    }
  }
  return starts;
}

/** The most starts within any `windowMs`. */
function busiest(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test(`a burst of ${REQUESTS} requests runs at most ${RATE} vendor steps a second across two workers`, async () => {
  const ids = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      requestKey(stack, `request vectra role=readonly ttl=1h purpose="burst ${i}"`),
    ),
  );
  await eventually(
    () => ids.every((id) => stack.vectra.listKeys().some((k) => k.appname === `keywarden-${id}`)) || undefined,
    'every key made',
    120_000,
  );
  // Each request has three vendor steps (create, check its role, check it signs in).
  const all = await eventually(async () => {
    const starts = (await Promise.all(ids.map(vendorStepStarts))).flat();
    return starts.length >= REQUESTS * 3 && starts;
  }, 'every vendor step recorded');
  const spanSeconds = (Math.max(...all) - Math.min(...all)) / 1000;
  process.stdout.write(
    `rate limit: ${all.length} vendor steps in ${spanSeconds.toFixed(1)} s (${(all.length / spanSeconds).toFixed(2)}/s); busiest 1 s: ${busiest(all, 1000)}, 5 s: ${busiest(all, 5000)}; limit ${RATE}/s\n`,
  );
  // Over the run, no faster than the limit; in any 5 s, the limit plus the server's burst allowance (one second's).
  expect((all.length - 1) / spanSeconds).toBeLessThanOrEqual(RATE);
  expect(busiest(all, 5000)).toBeLessThanOrEqual(RATE * 5 + RATE);
}, 300_000);
