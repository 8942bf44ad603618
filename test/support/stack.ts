/**
 * The whole of Keywarden for one test file: the production config loader, worker and Bolt app, wired to the
 * real Temporal server from the global setup, a fake Slack and a fake Vectra Fusion on loopback.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { generateSealingKeySpec, Sealer } from '../../secrets/sealing';
import { createSlackBot, type SlackBot } from '../../slack/app';
import { loadConfig, type KeywardenConfig } from '../../config/load';
import { createLogger } from '../../server/logger';
import { createBotContext } from '../../slack/context';
import { installTemporalRuntime } from '../../server/temporal/runtime';
import { keywardenDataConverter } from '../../server/temporal/data-converter';
import { KeywardenMetrics } from '../../server/ops/metrics';
import { onAuditLine } from '../../server/temporal/runtime';
import { createKeywardenWorker, type KeywardenWorker } from '../../server/worker';
import { vendorRates } from '../../vendors/rate-limits';
import { createVendorRegistry } from '../../vendors/registry';
import { createDestinationRegistry } from '../../destinations/registry';
import { VENDORS } from '../../vendors/all';
import type { FakeAutomox } from '../../vendors/automox/fake/server';
import { automox as automoxVendor } from '../../vendors/automox/vendor';
import type { FakeKit, StartedFake } from '../../vendors/fake-kit/kit';
import type { FakeGotransverse } from '../../vendors/gotransverse/fake/server';
import { gotransverse } from '../../vendors/gotransverse/vendor';
import type { FakeNCentral } from '../../vendors/n-central/fake/server';
import { nCentral } from '../../vendors/n-central/vendor';
import type { FakeVectraFusion } from '../../vendors/vectra-fusion/fake/server';
import { vectraFusion } from '../../vendors/vectra-fusion/vendor';
import { FakeSlack } from './fake-slack';
import { SignedSlackClient } from './slack-client';

export const APPROVAL_CHANNEL = 'CAPPROVALS';
export const REQUEST_CHANNEL = 'CREQUESTS';
export const SIGNING_SECRET = 'test-signing-secret';

/** The operator who performs human vendor steps in tests. */
export const OPERATOR = 'UOPS';

export interface StackOptions {
  approvers?: string[];
  pendingTimeout?: string;
  maxTtl?: string;
  /** Reminder cadence and deadline of human steps. */
  remindEvery?: string;
  deadline?: string;
  /** How long a delivered key waits to be revealed. */
  revealWithin?: string;
  /** Lifecycle settings of `credentials` (reminders as a YAML list, e.g. `[7s]`). */
  reminders?: string;
  rotationPeriod?: string;
  rotationOverlap?: string;
  historyEventLimit?: number;
  checkEvery?: string;
  extendRequiresApproval?: boolean;
  /** Fixed sealing keys (`id:base64,...`), e.g. to record replay fixtures; random by default. */
  sealingKeys?: string;
  /** More `approvals:` settings, as YAML lines without indentation, e.g. `approvals_required: 2`. */
  approvals?: string[];
  /** A `policies:` section, as YAML (the list under the key, indented by two spaces). */
  policies?: string;
  /** Slack user groups the fake Slack knows, with their members. */
  groups?: Record<string, string[]>;
  /** A `destinations:` section, as YAML (the entries under the key, indented by two spaces). */
  destinations?: string;
  /** More environment for the configuration (e.g. a destination's signing secret); fixed at start. */
  env?: Record<string, string>;
  /** `credentials.consumer_check_every`. */
  consumerCheckEvery?: string;
  /**
   * `rate_limit_per_second` of every vendor (the server enforces it across all workers). Tests run many flows at
   * once, so 100 by default: the production defaults (about one step a second) would only slow them.
   */
  vendorRatePerSecond?: number;
  /** The stack's log level (`debug` by default, so hygiene checks see everything; benchmarks log as production). */
  logLevel?: string;
  /** The worker's workflow cache, when not production's (`WORKFLOW_CACHE_SIZE` in server/worker.ts). */
  maxCachedWorkflows?: number;
}

export interface Stack {
  config: KeywardenConfig;
  slack: FakeSlack;
  vectra: FakeVectraFusion;
  gotransverse: FakeGotransverse;
  ncentral: FakeNCentral;
  automox: FakeAutomox;
  /** The Automox integration users' numeric ids (each integration mints keys on its own user). */
  automoxUsers: { siem: number; backup: number };
  client: SignedSlackClient;
  temporal: Client;
  /** Every log line the stack wrote (JSON), for hygiene checks. */
  logs: string[];
  /** The environment its configuration was loaded from, for Keywarden processes started beside the stack. */
  env: Readonly<Record<string, string>>;
  /** The stack's metrics, as `/metrics` would show them. */
  metrics: KeywardenMetrics;
  restartWorker(): Promise<void>;
  /**
   * Restarts the bot and worker with a new `keywarden.yaml` (same fakes, task queue and sealing keys), as an admin
   * editing the file and restarting Keywarden would. `client` then talks to the new bot.
   */
  reconfigure(options: StackOptions): Promise<void>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Every vendor's fake, started from the kit its definition names (`vendors/all.ts`). */
interface RunningFake {
  vendor: (typeof VENDORS)[number];
  key: string;
  started: StartedFake<unknown, unknown>;
}

async function startVendorFakes(): Promise<RunningFake[]> {
  return Promise.all(
    VENDORS.map(async (vendor) => {
      const kit: FakeKit<unknown, unknown> = await vendor.fake();
      return { vendor, key: kit.key, started: await kit.start() };
    }),
  );
}

/** One vendor's fake with its own type, found by its definition. */
function fakeOf<F, D>(
  fakes: RunningFake[],
  vendor: { type: string; fake(): Promise<FakeKit<F, D>> },
): StartedFake<F, D> {
  const found = fakes.find((running) => running.vendor === (vendor as unknown));
  if (!found) throw new Error(`no fake for ${vendor.type}`);
  return found.started as StartedFake<F, D>;
}

function yamlFor(options: StackOptions, fakes: RunningFake[]): string {
  const entryOptions = {
    humanSteps: { operator: OPERATOR, remindEvery: options.remindEvery ?? '1h', deadline: options.deadline ?? '1h' },
  };
  return [
    'approvals:',
    `  channel: ${APPROVAL_CHANNEL}`,
    `  approvers: [${(options.approvers ?? ['UALICE', 'UBOB']).join(', ')}]`,
    `  pending_timeout: ${options.pendingTimeout ?? '1h'}`,
    ...(options.approvals ?? []).map((line) => `  ${line}`),
    'credentials:',
    '  default_ttl: 30d',
    `  max_ttl: ${options.maxTtl ?? '90d'}`,
    `  reveal_within: ${options.revealWithin ?? '1h'}`,
    `  reminders: ${options.reminders ?? '[7d, 1d]'}`,
    ...(options.rotationPeriod ? [`  rotation_period: ${options.rotationPeriod}`] : []),
    `  rotation_overlap: ${options.rotationOverlap ?? '1h'}`,
    `  history_event_limit: ${options.historyEventLimit ?? 10_000}`,
    `  check_every: ${options.checkEvery ?? '6h'}`,
    `  extend_requires_approval: ${options.extendRequiresApproval ?? false}`,
    ...(options.consumerCheckEvery ? [`  consumer_check_every: ${options.consumerCheckEvery}`] : []),
    'admins: [UADMIN]',
    'vendors:',
    ...fakes.flatMap(({ vendor, key, started }) => [
      `  ${key}:`,
      `    type: ${vendor.type}`,
      `    rate_limit_per_second: ${options.vendorRatePerSecond ?? 100}`,
      ...started.entry(entryOptions),
    ]),
    ...(options.policies ? ['policies:', options.policies] : []),
    ...(options.destinations ? ['destinations:', options.destinations] : []),
    '',
  ].join('\n');
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const address = process.env.KW_TEST_TEMPORAL_ADDRESS;
  const bundlePath = process.env.KW_TEST_WORKFLOW_BUNDLE;
  if (!address || !bundlePath) throw new Error('the e2e global setup did not run');

  const slack = new FakeSlack('xoxb-test-token');
  const slackApi = await slack.start();
  const fakes = await startVendorFakes();
  const stopFakes = () => Promise.all([slack.stop(), ...fakes.map(({ started }) => started.stop())]);
  const automox = fakeOf(fakes, automoxVendor);
  const dir = await mkdtemp(join(tmpdir(), 'keywarden-test-'));
  const configPath = join(dir, 'keywarden.yaml');
  const env = {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi,
    PORT: '0',
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `keywarden-test-${randomUUID()}`,
    KEYWARDEN_CONFIG: configPath,
    KEYWARDEN_SEALING_KEYS: options.sealingKeys ?? generateSealingKeySpec('test'),
    KEYWARDEN_DATA_DIR: dir,
    ...Object.assign({}, ...fakes.map(({ started }) => started.env)),
    ...options.env,
    LOG_LEVEL: options.logLevel ?? 'debug',
  };
  const configure = async (opts: StackOptions): Promise<KeywardenConfig> => {
    for (const [group, members] of Object.entries(opts.groups ?? {})) slack.groups.set(group, members);
    await writeFile(configPath, yamlFor(opts, fakes));
    return loadConfig(env);
  };
  let config: KeywardenConfig;
  try {
    config = await configure(options);
  } catch (error) {
    // A stack that cannot start must not leave servers running: Jest would wait for them forever.
    await stopFakes();
    throw error;
  }

  const logs: string[] = [];
  const logger = createLogger(
    config.logLevel,
    new Writable({ write: (chunk: Buffer, _enc, done) => (logs.push(chunk.toString()), done()) }),
  );
  installTemporalRuntime(logger, { level: 'WARN' });
  const sealer = new Sealer(config.sealingKeys ?? []);
  const dataConverter = keywardenDataConverter(config.sealingKeys ?? []);
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const metrics = new KeywardenMetrics({ processMetrics: false });
  const stopCounting = onAuditLine(metrics.observeAudit);
  let vendors = createVendorRegistry(config.vendors, undefined, metrics.observeVendorCall);

  let worker: KeywardenWorker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createKeywardenWorker({
      connection: nativeConnection,
      config,
      vendors,
      destinations: createDestinationRegistry(config.destinations),
      vendorRates: vendorRates(config.vendors),
      metrics,
      sealer,
      dataConverter,
      logger,
      workflowBundle: { codePath: bundlePath },
      shutdownGraceTime: '1 second',
      ...(options.maxCachedWorkflows ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await running;
    worker = undefined;
  };
  await startWorker();

  let bot: SlackBot | undefined;
  const startBot = async () => {
    bot = createSlackBot(
      config.slack,
      createBotContext(config, temporal, logger, sealer, {
        groupCacheMs: 0,
        onSlackError: metrics.observeSlackError,
      }),
    );
    const port = await bot.start();
    return new SignedSlackClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, slack);
  };
  const client = await startBot();

  const stack: Stack = {
    config,
    slack,
    vectra: fakeOf(fakes, vectraFusion).fake,
    gotransverse: fakeOf(fakes, gotransverse).fake,
    ncentral: fakeOf(fakes, nCentral).fake,
    automox: automox.fake,
    automoxUsers: automox.details.users,
    client,
    temporal,
    logs,
    env,
    metrics,
    startWorker,
    stopWorker,
    restartWorker: async () => {
      await stopWorker();
      await startWorker();
    },
    async reconfigure(next) {
      await bot?.stop();
      await stopWorker();
      config = await configure(next);
      vendors = createVendorRegistry(config.vendors, undefined, metrics.observeVendorCall);
      stack.config = config;
      await startWorker();
      stack.client = await startBot();
    },
    async stop() {
      await bot?.stop();
      await stopWorker();
      stopCounting();
      await Promise.all([connection.close(), nativeConnection.close(), stopFakes()]);
    },
  };
  return stack;
}
