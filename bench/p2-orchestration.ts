/**
 * P2: `requests` auto-approved requests sent at once, from the signed command to the reveal offer reaching Slack,
 * beside the floor: the same number of no-op workflows doing the same activity batches and child workflow
 * (`floor/noop-workflows.ts`), on the same Temporal server, started at once by a client.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils';
import { keywardenDataConverter } from '../server/temporal/data-converter';
import { requestIdFor } from '../slack/requests/start';
import { startStack, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import { credentialWorkflowId, requestWorkflowId } from '../workflows/ids';
import type { FloorInput, PlanStep } from './floor/noop-workflows';
import { summarize, type Figure } from './stats';

export interface P2Options {
  requests: number;
  workerCache?: number;
}

const REQUESTER = 'UAUTO';

/** The activity batches and child starts of a history, in order; stops at the first timer (the credential asleep). */
export function planOf(history: History): PlanStep[] {
  const plan: PlanStep[] = [];
  let batchTask: string | undefined;
  for (const event of history.events ?? []) {
    if (event.timerStartedEventAttributes) break;
    if (event.startChildWorkflowExecutionInitiatedEventAttributes) {
      plan.push({ kind: 'child' });
      batchTask = undefined;
    }
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled) continue;
    const queue = scheduled.taskQueue?.name?.includes('.vendor.') ? 'vendor' : 'main';
    const task = String(scheduled.workflowTaskCompletedEventId);
    const last = plan[plan.length - 1];
    if (last?.kind === 'activities' && task === batchTask && last.queue === queue) last.count += 1;
    else plan.push({ kind: 'activities', queue, count: 1 });
    batchTask = task;
  }
  return plan;
}

/** A credential's history once it sleeps on its first timer, so that everything before is in it. */
function asleep(stack: Stack, workflowId: string): Promise<History> {
  return eventually(async () => {
    const history = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    return history.events?.some((event) => event.timerStartedEventAttributes) && history;
  }, `${workflowId} asleep`);
}

/** Sends `ids.length` commands at once; resolves with each request's time from its command to its reveal offer. */
async function keywardenBurst(stack: Stack, triggers: string[]): Promise<{ latencies: number[]; makespan: number }> {
  const started = performance.now();
  const latencies = await Promise.all(
    triggers.map(async (trigger, i) => {
      const id = requestIdFor(trigger);
      const offered = stack.slack.nextCall((call) => JSON.stringify(call.args.blocks ?? '').includes(`"reveal:${id}"`));
      const sent = performance.now();
      const res = await stack.client.command(REQUESTER, `request vectra role=readonly ttl=30d purpose="p2 ${i}"`, {
        triggerId: trigger,
      });
      if (res.status !== 200 || !res.body.includes(id)) throw new Error(`request ${id} not recorded: ${res.body}`);
      // Delivered, and the request workflow finished too (the floor is timed to both of its workflows' ends).
      await Promise.all([offered, stack.temporal.workflow.getHandle(requestWorkflowId(id)).result()]);
      return performance.now() - sent;
    }),
  );
  return { latencies, makespan: performance.now() - started };
}

async function floorBurst(stack: Stack, input: FloorInput, taskQueue: string, count: number, label: string) {
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const sent = performance.now();
      const workflowId = `floor-${label}-${i}`;
      const parent = await stack.temporal.workflow.start('floorRequest', { taskQueue, workflowId, args: [input] });
      await parent.result();
      await stack.temporal.workflow.getHandle(`${workflowId}-child`).result();
      return performance.now() - sent;
    }),
  );
  return { latencies, makespan: performance.now() - started };
}

/** The floor's workers: SDK defaults, with Keywarden's data converter (its payloads are sealed the same way). */
async function startFloorWorkers(taskQueue: string, stack: Stack): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: process.env.KW_TEST_TEMPORAL_ADDRESS ?? '' });
  const activities = { noop: () => Promise.resolve() };
  const dataConverter = keywardenDataConverter(stack.config.sealingKeys ?? []);
  const workers = [
    await Worker.create({
      connection,
      taskQueue,
      workflowsPath: require.resolve('./floor/noop-workflows'),
      activities,
      dataConverter,
    }),
    await Worker.create({ connection, taskQueue: `${taskQueue}.vendor`, activities, dataConverter }),
  ];
  const running = workers.map((worker) => worker.run());
  return {
    async stop() {
      for (const worker of workers) worker.shutdown();
      await Promise.all(running);
      await connection.close();
    },
  };
}

export async function runP2(options: P2Options): Promise<Figure[]> {
  const stack = await startStack({
    logLevel: 'info',
    approvals: [`auto_approve: [${REQUESTER}]`],
    ...(options.workerCache ? { maxCachedWorkflows: options.workerCache } : {}),
  });
  const floorQueue = `bench-floor-${Date.now()}`;
  const floor = await startFloorWorkers(floorQueue, stack);
  try {
    // One request first: it warms Keywarden up, and its histories give the floor its shape.
    await keywardenBurst(stack, ['bench-p2-warm']);
    const warm = requestIdFor('bench-p2-warm');
    const plan = planOf(await stack.temporal.workflow.getHandle(requestWorkflowId(warm)).fetchHistory());
    const childPlan = planOf(await asleep(stack, credentialWorkflowId(warm)));
    process.stdout.write(`P2: floor plan ${JSON.stringify(plan)}, child ${JSON.stringify(childPlan)}\n`);
    const input: FloorInput = { plan, childPlan, vendorQueue: `${floorQueue}.vendor` };
    await floorBurst(stack, input, floorQueue, 1, 'warm');
    const theirs = await floorBurst(stack, input, floorQueue, options.requests, 'burst');
    const triggers = Array.from({ length: options.requests }, (_, i) => `bench-p2-${Date.now()}-${i}`);
    const ours = await keywardenBurst(stack, triggers);
    const named = figures(options.requests, ours, theirs);
    return options.workerCache
      ? named.map((figure) => ({ ...figure, name: `${figure.name} (worker cache ${options.workerCache})` }))
      : named;
  } finally {
    await floor.stop();
    await stack.stop();
  }
}

type Burst = { latencies: number[]; makespan: number };

function figures(count: number, ours: Burst, theirs: Burst): Figure[] {
  const common = { phase: 'P2', floorName: 'no-op workflows' };
  return [
    {
      ...common,
      name: `${count} requests, command → delivery, all done`,
      unit: 's',
      value: ours.makespan / 1000,
      floor: theirs.makespan / 1000,
      target: { kind: 'ratio', max: 1.15 },
    },
    {
      ...common,
      name: 'throughput',
      unit: 'req/s',
      value: count / (ours.makespan / 1000),
      floor: count / (theirs.makespan / 1000),
    },
    {
      ...common,
      name: 'per request p50',
      unit: 's',
      value: summarize(ours.latencies).p50 / 1000,
      floor: summarize(theirs.latencies).p50 / 1000,
    },
  ];
}
