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
import { FakeAutomox } from '../../vendors/automox/fake/server';
import { FakeGotransverse, TEST_PROBE_PATHS } from '../../vendors/gotransverse/fake/server';
import { FakeNCentral } from '../../vendors/n-central/fake/server';
import { FakeVectraFusion } from '../../vendors/vectra-fusion/fake/server';
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
  /**
   * `rate_limit_per_second` of every vendor (the server enforces it across all workers). Tests run many flows at
   * once, so 100 by default: the production defaults (about one step a second) would only slow them.
   */
  vendorRatePerSecond?: number;
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

const NCENTRAL_ORG_UNIT = 50;

interface FakeAddresses {
  /** Gotransverse's API host and its console, on separate hosts as in a real tenant. */
  gotransverse: { api: string; ui: string };
  ncentral: string;
  automox: { url: string; orgId: number; accountId: string; zoneId: string; users: { siem: number; backup: number } };
}

/** The Gotransverse sets the stack allows, besides Dunning (whose documented probe path is the default). */
const GOTRANSVERSE_PROBED = ['billing', 'currex', 'tax-essentials', 'usage-processing'] as const;

function gotransverseProbePaths() {
  const paths = Object.fromEntries(GOTRANSVERSE_PROBED.map((slug) => [slug, TEST_PROBE_PATHS[slug]]));
  return { ...paths, dunning: TEST_PROBE_PATHS.dunning };
}

function yamlFor(options: StackOptions, fakes: FakeAddresses): string {
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
    'admins: [UADMIN]',
    'vendors:',
    '  vectra:',
    '    type: vectra-fusion',
    `    rate_limit_per_second: ${options.vendorRatePerSecond ?? 100}`,
    '    admin_netosecret_env: VECTRA_ADMIN_NETOSECRET',
    '  automox:',
    '    type: automox',
    `    rate_limit_per_second: ${options.vendorRatePerSecond ?? 100}`,
    `    base_url: ${fakes.automox.url}`,
    `    org_id: ${fakes.automox.orgId}`,
    '    integrations:',
    `      siem: { user_id: ${fakes.automox.users.siem}, api_key_env: AUTOMOX_SIEM_KEY, description: SIEM ingestion }`,
    `      backup: { user_id: ${fakes.automox.users.backup}, api_key_env: AUTOMOX_BACKUP_KEY }`,
    '    invite:',
    '      admin_api_key_env: AUTOMOX_ADMIN_KEY',
    `      account_id: ${fakes.automox.accountId}`,
    `      zone_id: ${fakes.automox.zoneId}`,
    `      human_steps: { remind_every: ${options.remindEvery ?? '1h'}, deadline: ${options.deadline ?? '1h'} }`,
    '  ncentral:',
    '    type: n-central',
    `    rate_limit_per_second: ${options.vendorRatePerSecond ?? 100}`,
    `    base_url: ${fakes.ncentral}`,
    `    org_unit_id: ${NCENTRAL_ORG_UNIT}`,
    '    verifier_jwt_env: NCENTRAL_VERIFIER_JWT',
    // Seconds, not the default 10 minutes, so a story can wait out a revocation the fake applies late.
    '    revocation_propagation: 30s',
    humanSteps(options),
    '  gotransverse:',
    '    type: gotransverse',
    `    rate_limit_per_second: ${options.vendorRatePerSecond ?? 100}`,
    `    api_base_url: ${fakes.gotransverse.api}`,
    `    ui_url: ${fakes.gotransverse.ui}`,
    '    allowed_apisets: [Billing, Dunning, Currex, Tax Essentials, Usage Processing]',
    // Dunning uses its documented default; the fake serves only these paths, so a wrong one would 404.
    `    probe_paths: { ${GOTRANSVERSE_PROBED.map((slug) => `${slug}: '${TEST_PROBE_PATHS[slug]}'`).join(', ')} }`,
    humanSteps(options),
    ...(options.policies ? ['policies:', options.policies] : []),
    '',
  ].join('\n');
}

function humanSteps(options: StackOptions): string {
  return [
    '    human_steps:',
    `      operator: { users: [${OPERATOR}] }`,
    `      remind_every: ${options.remindEvery ?? '1h'}`,
    `      deadline: ${options.deadline ?? '1h'}`,
  ].join('\n');
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const address = process.env.KW_TEST_TEMPORAL_ADDRESS;
  const bundlePath = process.env.KW_TEST_WORKFLOW_BUNDLE;
  if (!address || !bundlePath) throw new Error('the e2e global setup did not run');

  const slack = new FakeSlack('xoxb-test-token');
  const slackApi = await slack.start();
  const vectra = new FakeVectraFusion();
  await vectra.start();
  const gotransverse = new FakeGotransverse({ probePaths: gotransverseProbePaths() });
  const gotransverseUrl = { api: await gotransverse.start(), ui: await gotransverse.startConsole() };
  const ncentral = new FakeNCentral();
  const ncentralUrl = await ncentral.start();
  ncentral.createUser({ userName: 'keywarden-verifier', canListUsers: true });
  const automox = new FakeAutomox();
  const automoxUrl = await automox.start();
  const automoxUsers = {
    siem: automox.createUser({ email: 'keywarden-siem@acme.test', role: 'read-only' }).id,
    backup: automox.createUser({ email: 'keywarden-backup@acme.test', role: 'read-only' }).id,
  };
  const automoxAdmin = automox.createUser({ email: 'it-admin@acme.test', role: 'global-admin' });
  const stopFakes = () =>
    Promise.all([slack.stop(), vectra.stop(), gotransverse.stop(), ncentral.stop(), automox.stop()]);
  const dir = await mkdtemp(join(tmpdir(), 'keywarden-test-'));
  const configPath = join(dir, 'keywarden.yaml');
  const addresses: FakeAddresses = {
    gotransverse: gotransverseUrl,
    ncentral: ncentralUrl,
    automox: {
      url: automoxUrl,
      orgId: automox.orgId,
      accountId: automox.accountId,
      zoneId: automox.zoneId,
      users: automoxUsers,
    },
  };
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
    VECTRA_ADMIN_NETOSECRET: vectra.issueNetosecret('keywarden-admin', 'admin'),
    NCENTRAL_VERIFIER_JWT: ncentral.generateJwt('keywarden-verifier'),
    AUTOMOX_SIEM_KEY: automox.issueKey(automoxUsers.siem, 'bootstrap-siem'),
    AUTOMOX_BACKUP_KEY: automox.issueKey(automoxUsers.backup, 'bootstrap-backup'),
    AUTOMOX_ADMIN_KEY: automox.issueKey(automoxAdmin.id, 'keywarden-admin'),
    LOG_LEVEL: 'debug',
  };
  const configure = async (opts: StackOptions): Promise<KeywardenConfig> => {
    for (const [group, members] of Object.entries(opts.groups ?? {})) slack.groups.set(group, members);
    await writeFile(configPath, yamlFor(opts, addresses));
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
      vendorRates: vendorRates(config.vendors),
      metrics,
      sealer,
      dataConverter,
      logger,
      workflowBundle: { codePath: bundlePath },
      shutdownGraceTime: '1 second',
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
    vectra,
    gotransverse,
    ncentral,
    automox,
    automoxUsers,
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
