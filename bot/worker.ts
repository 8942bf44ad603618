/**
 * The Temporal worker: the workflows plus activities built from their dependencies. Used by `npm start` and by
 * the tests, unchanged.
 */
import { WebClient } from '@slack/web-api';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Sealer } from '../activities/sealing';
import type { VendorRegistry } from '../vendors/registry';
import type { KeywardenConfig } from './config';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<KeywardenConfig, 'slack' | 'temporal'>;
  vendors: VendorRegistry;
  sealer: Sealer;
  logger: Logger;
  /** A prebuilt workflow bundle (tests build one per run); by default the workflows are bundled at start. */
  /** Encrypted payloads and encoded failures; the client must use the same (see `temporal/data-converter.ts`). */
  dataConverter: WorkerOptions['dataConverter'];
  workflowBundle?: WorkerOptions['workflowBundle'];
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/** A Slack client for activities: no retries or queueing of its own, so Temporal decides when to retry. */
export function activitySlackClient(slack: KeywardenConfig['slack']): WebClient {
  return new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
}

export async function createKeywardenWorker(deps: WorkerDeps): Promise<Worker> {
  const activities = createActivities({
    slack: activitySlackClient(deps.config.slack),
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
