/**
 * The Temporal worker: the workflows plus activities built from their dependencies. Used by `npm start` and by
 * the tests, unchanged.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Sealer } from '../activities/sealing';
import type { VendorRegistry } from '../vendors/registry';
import { slackWebClient } from './slack/client';
import type { KeywardenConfig } from './config';
import type { KeywardenMetrics } from './ops/metrics';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<KeywardenConfig, 'slack' | 'temporal'>;
  vendors: VendorRegistry;
  sealer: Sealer;
  logger: Logger;
  /** Counts the activities' failed Slack calls. */
  metrics?: KeywardenMetrics;
  /** A prebuilt workflow bundle (tests build one per run); by default the workflows are bundled at start. */
  /** Encrypted payloads and encoded failures; the client must use the same (see `temporal/data-converter.ts`). */
  dataConverter: WorkerOptions['dataConverter'];
  workflowBundle?: WorkerOptions['workflowBundle'];
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

export async function createKeywardenWorker(deps: WorkerDeps): Promise<Worker> {
  const activities = createActivities({
    slack: slackWebClient(deps.config.slack, {
      retries: 0,
      logger: deps.logger,
      onError: deps.metrics?.observeSlackError,
    }),
    vendors: deps.vendors,
    sealer: deps.sealer,
    logger: deps.logger.child({ component: 'activities' }),
  });
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.config.temporal.taskQueue,
    activities,
    dataConverter: deps.dataConverter,
    ...(deps.workflowBundle
      ? { workflowBundle: deps.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    shutdownGraceTime: deps.shutdownGraceTime ?? '10 seconds',
  });
}
