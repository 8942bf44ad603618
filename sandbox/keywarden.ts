/**
 * Keywarden itself, in the sandbox's process, wired exactly as `npm start` wires it and in the same order:
 * configuration (every problem at once), the doctor's checks (Slack and every fake vendor), then Temporal (the
 * embedded dev server unless `TEMPORAL_ADDRESS` is set), the worker and the Slack bot.
 */
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { loadConfig, type KeywardenConfig } from '../config/load';
import { Sealer } from '../secrets/sealing';
import { blockingFailures, renderReport, runDoctor } from '../server/doctor/run';
import { installTemporalRuntime } from '../server/temporal/runtime';
import { connectTemporal } from '../server/temporal/connect';
import { keywardenDataConverter } from '../server/temporal/data-converter';
import { ensureSearchAttributes } from '../server/temporal/search-attributes';
import { createKeywardenWorker } from '../server/worker';
import { createSlackBot } from '../slack/app';
import { slackWebClient } from '../slack/client';
import { createBotContext } from '../slack/context';
import { vendorRates } from '../vendors/rate-limits';
import { createVendorRegistry } from '../vendors/registry';

export interface RunningKeywarden {
  config: KeywardenConfig;
  /** The bot's HTTP port in HTTP mode; undefined in Socket Mode. */
  port: number | undefined;
  temporal: Client;
  /** The embedded server's Web UI, when this process runs one. */
  webUi?: string;
  stop(): Promise<void>;
}

/** Thrown when the doctor finds something that must be fixed first; the message is the doctor's report. */
export class SandboxCheckFailed extends Error {}

export async function startKeywarden(env: Record<string, string>, logger: Logger): Promise<RunningKeywarden> {
  const config = loadConfig(env);
  const report = await runDoctor(config, { slack: slackWebClient(config.slack, { retries: 1, logger }) });
  if (blockingFailures(report).length > 0) throw new SandboxCheckFailed(renderReport(report));
  installTemporalRuntime(logger, { level: 'WARN' });
  const keys = config.sealingKeys ?? [];
  const dataConverter = keywardenDataConverter(keys);
  const sealer = new Sealer(keys);
  const link = await connectTemporal(config, logger, { worker: true });
  const { nativeConnection } = link;
  if (!nativeConnection) throw new Error('connectTemporal made no worker connection although one was asked for');
  await ensureSearchAttributes(link.connection, config.temporal.namespace, logger);
  const worker = await createKeywardenWorker({
    connection: nativeConnection,
    config,
    vendors: createVendorRegistry(config.vendors),
    vendorRates: vendorRates(config.vendors),
    sealer,
    logger,
    dataConverter,
    shutdownGraceTime: '1 second',
    ...(config.temporal.workflowBundle ? { workflowBundle: { codePath: config.temporal.workflowBundle } } : {}),
  });
  const running = worker.run();
  const temporal = new Client({ connection: link.connection, namespace: config.temporal.namespace, dataConverter });
  const bot = createSlackBot(config.slack, createBotContext(config, temporal, logger, sealer));
  const port = await bot.start();
  return {
    config,
    port,
    temporal,
    ...(link.server ? { webUi: `http://127.0.0.1:${config.temporal.devServerUiPort}` } : {}),
    async stop() {
      await bot.stop();
      worker.shutdown();
      await running.catch((error: unknown) => logger.warn({ err: error }, 'worker stopped with an error'));
      await link.close();
    },
  };
}
