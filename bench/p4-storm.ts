/**
 * P4: a rotation storm. `credentials` Vectra Fusion credentials fall due for rotation within the same minute, at a
 * fake that allows `vendorLimit` calls in any clock second (and answers 429 past it, counting each). Keywarden's
 * `rate_limit_per_second` for the vendor is set as an operator would from that limit: the most calls one step
 * makes (creating a key: admin token, list, create) must fit, so steps/s = limit ÷ 3. The floor is the time the
 * vendor's limit alone forces: the calls the storm needed ÷ the limit (never less than the minute they fall due in).
 */
import { startKeywarden, type KeywardenProcess } from '../test/support/processes';
import { startStack, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import { CredentialFactory, inPool, waitAllAsleep } from './credentials';
import { busiestWindow, type Figure } from './stats';

export interface P4Options {
  credentials: number;
  vendorLimit: number;
}

/** The most vendor calls one Vectra Fusion step makes (`createKey`). */
const MOST_CALLS_PER_STEP = 3;
const DAY = 86_400_000;
const SPREAD_MS = 60_000;

/** When the last rotated credential's first run closed (it continues as new once rotated), by the server's clock. */
async function rotationsClosed(stack: Stack, count: number): Promise<number> {
  const query = `WorkflowType = 'credentialWorkflow' AND TaskQueue = '${stack.config.temporal.taskQueue}' AND ExecutionStatus = 'ContinuedAsNew'`;
  await eventually(
    async () => (await stack.temporal.workflow.count(query)).count >= count,
    `${count} rotations`,
    3_600_000,
  );
  let last = 0;
  for await (const run of stack.temporal.workflow.list({ query, pageSize: 1000 }))
    last = Math.max(last, run.closeTime?.getTime() ?? 0);
  return last;
}

export async function runP4(options: P4Options): Promise<Figure[]> {
  const stepRate = options.vendorLimit / MOST_CALLS_PER_STEP;
  const stack = await startStack({
    logLevel: 'info',
    vendorRatePerSecond: stepRate,
    rotationPeriod: '1d',
    rotationOverlap: '1h',
  });
  let worker: KeywardenProcess | undefined;
  try {
    await stack.stopWorker();
    worker = await startKeywarden('worker', stack.env);
    const factory = new CredentialFactory(stack.config, stack.temporal, stack.vectra);
    const ids = Array.from({ length: options.credentials }, (_, i) => `storm${i.toString(36)}`);
    // Time enough to create them all (about 30 a second here) before the first falls due.
    const firstDue = Date.now() + 15_000 + options.credentials * 40;
    const dueAt = (i: number) => firstDue + Math.floor((i * SPREAD_MS) / options.credentials);
    await inPool(ids.length, 32, (i) =>
      factory.start({ credentialId: ids[i] ?? '', owner: 'USTORM', deliveredAt: dueAt(i) - DAY }),
    );
    await waitAllAsleep(stack.temporal, ids);
    const early = Date.now() > firstDue;
    const http = stack.vectra.http;
    const before = http.received.length;
    const finished = await rotationsClosed(stack, ids.length);
    const calls = http.received.slice(before);
    const accepted = calls.length - http.overLimit.length;
    const floorSeconds = Math.max(accepted / options.vendorLimit, SPREAD_MS / 1000);
    const seconds = (finished - firstDue) / 1000;
    process.stdout.write(
      `P4: ${ids.length} rotations, ${accepted} vendor calls (+${http.overLimit.length} refused) in ${seconds.toFixed(0)} s; ` +
        `busiest second ${busiestWindow(
          calls.map((c) => c.at),
          1000,
        )} calls; steps limited to ${stepRate.toFixed(2)}/s` +
        `${early ? '; WARNING: creation overran the first due time' : ''}\n`,
    );
    return [
      {
        phase: 'P4',
        name: `rotation storm, ${ids.length} credentials`,
        unit: 's',
        value: seconds,
        floor: floorSeconds,
        floorName:
          accepted / options.vendorLimit >= SPREAD_MS / 1000
            ? `${accepted} calls ÷ ${options.vendorLimit}/s`
            : `all fall due within ${SPREAD_MS / 1000} s`,
        target: { kind: 'ratio', max: 1.1 },
      },
      {
        phase: 'P4',
        name: 'vendor calls over the limit',
        unit: 'calls',
        value: http.overLimit.length,
        target: { kind: 'atMost', max: 0 },
      },
    ];
  } finally {
    await worker?.stop('SIGTERM');
    await stack.stop();
  }
}
