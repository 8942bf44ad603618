/**
 * The Temporal workers of one process: the main task queue (workflows, Slack and task activities) and one task
 * queue per vendor for that vendor's steps, rate limited cluster-wide by the Temporal server
 * (`maxTaskQueueActivitiesPerSecond`), so no number of workers calls a vendor faster than its limit. Used by
 * `npm start` and by the tests, unchanged.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities/create';
import type { Sealer } from '../secrets/sealing';
import type { VendorRegistry } from '../vendors/registry';
import type { DestinationRegistry } from '../destinations/registry';
import { vendorTaskQueue } from '../workflows/ids';
import type { KeywardenConfig } from '../config/load';
import type { KeywardenMetrics } from './ops/metrics';
import { slackWebClient } from '../slack/client';
import { messageViews } from '../slack/views/messages';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<KeywardenConfig, 'slack' | 'temporal'>;
  vendors: VendorRegistry;
  /** Where keys for machines are delivered; absent when none is configured. */
  destinations?: DestinationRegistry;
  /** Vendor steps per second, by vendor key, across all workers (see `vendors/rate-limits.ts`). */
  vendorRates: Readonly<Record<string, number>>;
  sealer: Sealer;
  logger: Logger;
  /** Counts the activities' failed Slack calls. */
  metrics?: KeywardenMetrics;
  /** Encrypted payloads and encoded failures; the client must use the same (see `temporal/data-converter.ts`). */
  dataConverter: WorkerOptions['dataConverter'];
  /** A prebuilt workflow bundle (tests build one per run); by default the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** Workflows kept in memory between tasks (see `WORKFLOW_CACHE_SIZE`). */
  maxCachedWorkflows?: number;
}

/**
 * How many workflows the worker keeps in memory between their tasks. The SDK's default grows with the V8 heap
 * limit (about 2,300 on a machine with a 4 GB heap), and a cached credential costs about 300 KB: live credentials
 * sleeping for days on timers filled the cache and the process grew by gigabytes. A credential that wakes after
 * leaving the cache is replayed from its history, which continue-as-new keeps short; the cache only needs to hold
 * the workflows that are busy at once. Measured by `npm run bench`: 10,000 sleeping credentials take a worker
 * from 169 to 250 MB (305 MB with a cache of 100; P3), and 120 requests at once ran no slower than with a cache of
 * 1,000 (P2).
 */
export const WORKFLOW_CACHE_SIZE = 50;

/** The process's workers, run and stopped together: one failing stops the others. */
export interface KeywardenWorker {
  run(): Promise<void>;
  shutdown(): void;
}

export async function createKeywardenWorker(deps: WorkerDeps): Promise<KeywardenWorker> {
  const activities = createActivities({
    slack: slackWebClient(deps.config.slack, {
      retries: 0,
      logger: deps.logger,
      onError: deps.metrics?.observeSlackError,
    }),
    vendors: deps.vendors,
    ...(deps.destinations ? { destinations: deps.destinations } : {}),
    sealer: deps.sealer,
    logger: deps.logger.child({ component: 'activities' }),
    views: messageViews,
  });
  const { namespace, taskQueue } = deps.config.temporal;
  const common = {
    connection: deps.connection,
    namespace,
    dataConverter: deps.dataConverter,
    shutdownGraceTime: deps.shutdownGraceTime ?? '10 seconds',
  };
  // The main queue keeps the vendor steps too: histories from before vendor queues still schedule them there.
  const maxCachedWorkflows = deps.maxCachedWorkflows ?? WORKFLOW_CACHE_SIZE;
  const main = await Worker.create({
    ...common,
    taskQueue,
    activities,
    maxCachedWorkflows,
    // The SDK refuses more concurrent workflow tasks than cached workflows.
    maxConcurrentWorkflowTaskExecutions: Math.min(40, maxCachedWorkflows),
    ...(deps.workflowBundle
      ? { workflowBundle: deps.workflowBundle }
      : { workflowsPath: require.resolve('../workflows/index') }),
  });
  const { vendorCall, vendorCondition, vendorVerify, vendorLastUsed } = activities;
  const perVendor = await Promise.all(
    [...deps.vendors.keys()].map((key) =>
      Worker.create({
        ...common,
        taskQueue: vendorTaskQueue(taskQueue, key),
        activities: { vendorCall, vendorCondition, vendorVerify, vendorLastUsed },
        maxTaskQueueActivitiesPerSecond: deps.vendorRates[key],
      }),
    ),
  );
  return together([main, ...perVendor]);
}

function together(workers: Worker[]): KeywardenWorker {
  const shutdown = () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  return {
    shutdown,
    run: async () => {
      await Promise.all(
        workers.map((worker) =>
          worker.run().catch((error: unknown) => {
            shutdown();
            throw error;
          }),
        ),
      );
    },
  };
}
