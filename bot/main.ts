/**
 * `npm start`: configuration → Temporal (the embedded dev server unless TEMPORAL_ADDRESS is set) → worker →
 * Slack bot. Ctrl-C stops them in reverse order; a restart resumes every request from the same SQLite file.
 */
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { SealedPayloadCodec } from '../activities/payload-codec';
import { Sealer } from '../activities/sealing';
import { createVendorRegistry } from '../vendors/registry';
import { createSlackBot } from './app';
import { ConfigError, loadConfig, type KeywardenConfig } from './config';
import { createLogger } from './logger';
import { createBotContext } from './context';
import { loadOrCreateSealingKeys } from './sealing-keys';
import { startEmbeddedTemporal, type TemporalServer } from './temporal/dev-server';
import { startCodecServer } from './temporal/codec-server';
import { keywardenDataConverter } from './temporal/data-converter';
import { installTemporalRuntime } from './temporal/runtime';
import { blockingFailures, failures, renderReport, runDoctor } from './doctor/run';
import { slackWebClient } from './slack/client';
import { ensureRetention } from './temporal/retention';
import { ensureSearchAttributes } from './temporal/search-attributes';
import { createKeywardenWorker } from './worker';

async function connectTemporal(
  config: KeywardenConfig,
  logger: Logger,
  codecEndpoint: string | undefined,
): Promise<{ address: string; server?: TemporalServer }> {
  if (config.temporal.address) return { address: config.temporal.address };
  const server = await startEmbeddedTemporal(
    {
      explicitPath: config.temporal.cliPath,
      searchPath: config.temporal.searchPath,
      cacheDir: config.cacheDir,
      toolEnv: config.toolEnv,
    },
    {
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devServerUiPort,
      codecEndpoint,
      namespace: config.temporal.namespace,
      dbFile: join(config.dataDir, 'temporal.sqlite'),
      logger,
    },
  );
  logger.info(
    { address: server.address, source: server.source, ui: `http://127.0.0.1:${config.temporal.devServerUiPort}` },
    'embedded Temporal server started',
  );
  return { address: server.address, server };
}

/**
 * The doctor's checks before anything else starts: a wrong token, scope, channel, group or vendor setting stops
 * start-up with its fix. A vendor or Slack that is merely unreachable only warns, so one vendor's outage never
 * keeps Keywarden from revoking keys at the others.
 */
async function stopOnDoctorFailures(config: KeywardenConfig, logger: Logger): Promise<void> {
  const report = await runDoctor(config, { slack: slackWebClient(config.slack, 1, logger) });
  const blocking = blockingFailures(report);
  if (blocking.length > 0) {
    process.stderr.write(`Keywarden cannot start:\n${renderReport(report)}`);
    process.exit(2);
  }
  for (const check of failures(report))
    logger.warn({ check: check.what, detail: check.detail }, 'start-up check failed');
  const checks = report.sections.reduce((n, section) => n + section.checks.length, 0);
  logger.info({ checks }, 'start-up checks passed');
}

async function main(): Promise<void> {
  let config: KeywardenConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  await stopOnDoctorFailures(config, logger);
  installTemporalRuntime(logger);
  const sealingKeys = config.sealingKeys ?? (await loadOrCreateSealingKeys(config.dataDir, logger));
  const sealer = new Sealer(sealingKeys);
  const dataConverter = keywardenDataConverter(sealingKeys);
  const codecServer = config.temporal.codecPort
    ? await startCodecServer(
        new SealedPayloadCodec(sealingKeys),
        config.temporal.codecPort,
        `http://127.0.0.1:${config.temporal.devServerUiPort}`,
      )
    : undefined;
  const { address, server } = await connectTemporal(config, logger, codecServer?.url);
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  await ensureSearchAttributes(connection, config.temporal.namespace, logger);
  if (server) await ensureRetention(connection, config.temporal.namespace, logger);

  const worker = await createKeywardenWorker({
    connection: nativeConnection,
    config,
    vendors: createVendorRegistry(config.vendors),
    sealer,
    logger,
    dataConverter,
  });
  const running = worker.run();
  const bot = createSlackBot(config.slack, createBotContext(config, temporal, logger, sealer));
  const port = await bot.start();
  logger.info(
    { mode: port === undefined ? 'socket' : 'http', port, vendors: Object.keys(config.vendors) },
    'Keywarden is running',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await bot.stop().catch((error: unknown) => logger.warn({ err: error }, 'bot stop failed'));
    worker.shutdown();
    await running.catch((error: unknown) => logger.warn({ err: error }, 'worker stopped with an error'));
    await Promise.all([connection.close(), nativeConnection.close()]);
    await server?.stop();
    await codecServer?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  // A second Ctrl-C stops at once; process.exit still runs the 'exit' hook that kills the embedded server.
  const onSignal = (signal: string) => {
    if (!stopping) return void shutdown(signal);
    logger.warn({ signal }, 'second signal: stopping immediately');
    process.exit(130);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  running.catch((error: unknown) => {
    logger.fatal({ err: error }, 'worker failed');
    void shutdown('worker-failure');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Keywarden failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
