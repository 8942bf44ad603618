/**
 * `keywarden [all|bot|worker]` (`npm start` runs `all`): configuration → the doctor's checks (Slack, vendors) →
 * Temporal (the embedded dev server unless TEMPORAL_ADDRESS is set) → worker and/or Slack bot, plus the ops
 * server in every role. SIGINT/SIGTERM stop them in reverse order; a restart resumes every request.
 */
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { SealedPayloadCodec } from '../secrets/payload-codec';
import { Sealer, type SealingKey } from '../secrets/sealing';
import { vendorRates } from '../vendors/rate-limits';
import { createVendorRegistry } from '../vendors/registry';
import { createDestinationRegistry } from '../destinations/registry';
import { createSlackBot, type SlackBot } from '../slack/app';
import { ConfigError, loadConfig, type KeywardenConfig } from '../config/load';
import { createBotContext } from '../slack/context';
import { blockingFailures, failures, renderReport, runDoctor } from './doctor/run';
import { createLogger } from './logger';
import { createReadiness } from './ops/readiness';
import { startOpsServer } from './ops/server';
import { startObservability, type Observability } from './ops/start';
import { parseRole, runsBot, runsWorker, servesCodec, usesTemporal, type Role } from './roles';
import { loadOrCreateSealingKeys } from './sealing-keys';
import { slackWebClient } from '../slack/client';
import { startCodecServer } from './temporal/codec-server';
import { connectTemporal, type TemporalLink } from './temporal/connect';
import { keywardenDataConverter } from './temporal/data-converter';
import { ensureRetention } from './temporal/retention';
import { ensureSearchAttributes } from './temporal/search-attributes';
import { createKeywardenWorker, type KeywardenWorker } from './worker';
import { workflowBundleToRun } from './temporal/bundle-workflows';

/** Configuration and role, every problem reported at once; exits 2 when either is wrong. */
function configure(): { config: KeywardenConfig; role: Role } {
  const problems: string[] = [];
  let config: KeywardenConfig | undefined;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const role = parseRole(process.argv.slice(2), {
    temporalAddress: config?.temporal.address,
    sealingKeys: config?.sealingKeys !== undefined,
  });
  if (Array.isArray(role)) problems.push(...role);
  if (problems.length > 0 || !config || Array.isArray(role)) {
    process.stderr.write(`${new ConfigError(problems).message}\n`);
    process.exit(2);
  }
  return { config, role };
}

/**
 * The doctor's checks before anything else starts: a wrong token, scope, channel, group or vendor setting stops
 * start-up with its fix. A vendor or Slack that is merely unreachable only warns, so one vendor's outage never
 * keeps Keywarden from revoking keys at the others.
 */
async function stopOnDoctorFailures(config: KeywardenConfig, logger: Logger): Promise<void> {
  const report = await runDoctor(config, { slack: slackWebClient(config.slack, { retries: 1, logger }) });
  if (blockingFailures(report).length > 0) {
    process.stderr.write(`Keywarden cannot start:\n${renderReport(report)}`);
    process.exit(2);
  }
  for (const check of failures(report))
    logger.warn({ check: check.what, detail: check.detail }, 'start-up check failed');
  const checks = report.sections.reduce((n, section) => n + section.checks.length, 0);
  logger.info({ checks }, 'start-up checks passed');
}

interface Running {
  worker?: { instance: KeywardenWorker; running: Promise<void> };
  bot?: SlackBot;
}

async function startRoles(
  role: Role,
  config: KeywardenConfig,
  link: TemporalLink,
  keys: SealingKey[],
  { logger, observability }: { logger: Logger; observability: Observability },
): Promise<Running> {
  const sealer = new Sealer(keys);
  const dataConverter = keywardenDataConverter(keys);
  const { metrics } = observability;
  const running: Running = {};
  if (runsWorker(role) && link.nativeConnection) {
    const bundle = workflowBundleToRun(config.temporal.workflowBundle);
    const instance = await createKeywardenWorker({
      connection: link.nativeConnection,
      config,
      vendors: createVendorRegistry(config.vendors, undefined, metrics.observeVendorCall),
      destinations: createDestinationRegistry(config.destinations),
      vendorRates: vendorRates(config.vendors),
      sealer,
      logger,
      metrics,
      dataConverter,
      ...(bundle ? { workflowBundle: { codePath: bundle } } : {}),
    });
    running.worker = { instance, running: instance.run() };
  }
  if (runsBot(role)) {
    const temporal = new Client({ connection: link.connection, namespace: config.temporal.namespace, dataConverter });
    running.bot = createSlackBot(
      config.slack,
      createBotContext(config, temporal, logger, sealer, { onSlackError: metrics.observeSlackError }),
    );
    const port = await running.bot.start();
    logger.info({ mode: port === undefined ? 'socket' : 'http', port }, 'Slack bot listening');
  }
  return running;
}

/** The codec role: only the Web UI's codec endpoint (and `/healthz`), no Slack, vendors or Temporal. */
async function runCodecOnly(config: KeywardenConfig, keys: SealingKey[], logger: Logger): Promise<void> {
  const codec = await startCodec(config, keys);
  const ops = await startOpsServer({
    ...config.ops,
    metrics: (await startObservability(logger)).metrics,
    readiness: () => Promise.resolve([]),
  });
  logger.info({ codec: codec?.url, ops: ops.url }, 'Keywarden codec endpoint is running');
  const stop = () => void Promise.all([codec?.stop(), ops.stop()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function startCodec(config: KeywardenConfig, keys: SealingKey[]) {
  const { codecPort, codecHost, codecOrigin } = config.temporal;
  return codecPort
    ? startCodecServer(new SealedPayloadCodec(keys), { host: codecHost, port: codecPort }, codecOrigin)
    : Promise.resolve(undefined);
}

async function main(): Promise<void> {
  const { config, role } = configure();
  const logger = createLogger(config.logLevel).child({ role });
  const keys = config.sealingKeys ?? (await loadOrCreateSealingKeys(config.dataDir, logger));
  if (!usesTemporal(role)) return runCodecOnly(config, keys, logger);
  await stopOnDoctorFailures(config, logger);
  const observability = await startObservability(logger);
  const codecServer = servesCodec(role) ? await startCodec(config, keys) : undefined;
  const link = await connectTemporal(config, logger, { codecEndpoint: codecServer?.url, worker: runsWorker(role) });
  await ensureSearchAttributes(link.connection, config.temporal.namespace, logger);
  if (link.server) await ensureRetention(link.connection, config.temporal.namespace, logger);
  const ops = await startOpsServer({
    ...config.ops,
    metrics: observability.metrics,
    readiness: createReadiness(link.connection, slackWebClient(config.slack, { retries: 0, logger })),
    ...(observability.sdkMetricsUrl ? { sdkMetricsUrl: observability.sdkMetricsUrl } : {}),
  });
  const running = await startRoles(role, config, link, keys, { logger, observability });
  logger.info({ vendors: Object.keys(config.vendors), ops: ops.url }, 'Keywarden is running');

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.bot?.stop().catch((error: unknown) => logger.warn({ err: error }, 'bot stop failed'));
    running.worker?.instance.shutdown();
    await running.worker?.running.catch((error: unknown) =>
      logger.warn({ err: error }, 'worker stopped with an error'),
    );
    await link.close();
    await Promise.all([codecServer?.stop(), ops.stop()]);
    logger.info('stopped');
    process.exit(exitCode);
  };
  // A second Ctrl-C stops at once; process.exit still runs the 'exit' hook that kills the embedded server.
  const onSignal = (signal: string) => {
    if (!stopping) return void shutdown(signal);
    logger.warn({ signal }, 'second signal: stopping immediately');
    process.exit(130);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  running.worker?.running.catch((error: unknown) => {
    logger.fatal({ err: error }, 'worker failed');
    void shutdown('worker-failure', 1);
  });
  // The embedded server is restarted when it dies (embedded-supervisor.ts); one that keeps dying is given up on,
  // and without it this process can do nothing: exit so a supervisor restarts it, rather than run on.
  void link.server?.exited.then((code) => {
    if (stopping) return;
    logger.fatal({ code }, 'the embedded Temporal server stopped');
    void shutdown('temporal-server-exited', 1);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Keywarden failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
