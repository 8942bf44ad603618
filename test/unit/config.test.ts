import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

const netosecret = encodeNetosecret({
  url: 'https://fusion.example',
  shortname: 'acme',
  appname: 'admin',
  sharedsecret: 'ss',
  appkey: 'ak',
});

function withFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kw-config-')), 'keywarden.yaml');
  writeFileSync(path, yaml);
  return path;
}

const goodYaml = `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB]
vendors:
  vectra:
    type: vectra-fusion
    admin_netosecret_env: VECTRA_NS
`;

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('a valid file and environment load with defaults applied', () => {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_SIGNING_SECRET: 's',
    KEYWARDEN_CONFIG: withFile(goodYaml),
    VECTRA_NS: netosecret,
  });
  expect(config.policies.approvals).toEqual({
    channel: 'C0APPROVE',
    approvers: { users: ['U0ALICE', 'U0BOB'], groups: [] },
    approvalsRequired: 1,
    allowSelfApproval: false,
    autoApprove: { users: [], groups: [] },
    pendingTimeoutMs: 24 * 3_600_000,
    escalateTo: { users: [], groups: [] },
  });
  expect(config.policies.credentials).toEqual({
    defaultTtlMs: 30 * 86_400_000,
    maxTtlMs: 90 * 86_400_000,
    revealWithinMs: 86_400_000,
    reminderOffsetsMs: [7 * 86_400_000, 86_400_000],
    rotationOverlapMs: 86_400_000,
    historyEventLimit: 10_000,
    livenessCheckMs: 6 * 3_600_000,
    extendRequiresApproval: false,
    consumerCheckMs: 5 * 60_000,
  });
  expect(config.policies.overrides).toEqual([]);
  expect(config.destinations).toEqual({});
  expect(config.vendors.vectra).toMatchObject({
    type: 'vectra-fusion',
    baseUrl: 'https://fusion.example',
    roles: ['readonly'],
  });
  expect(config.temporal).toMatchObject({ namespace: 'default', taskQueue: 'keywarden', address: undefined });
  expect(config.slack.port).toBe(3000);
});

test('every problem is reported at once, by name', () => {
  const found = problems(() =>
    loadConfig({
      SLACK_BOT_TOKEN: 'nope',
      PORT: 'eighty',
      KEYWARDEN_SEALING_KEYS: 'k1:tooshort',
      KEYWARDEN_CONFIG: withFile(goodYaml),
      VECTRA_NS: 'bm90IGpzb24=',
    }),
  );
  expect(found).toEqual(
    expect.arrayContaining([
      'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-',
      expect.stringMatching(/^PORT: /),
      'SLACK_SIGNING_SECRET: is required in HTTP mode (set it, or set SLACK_APP_TOKEN to use Socket Mode)',
      expect.stringMatching(/^KEYWARDEN_SEALING_KEYS: key "k1" must be 32 bytes/),
      expect.stringMatching(/vendors\.vectra\.admin_netosecret_env: VECTRA_NS is not a netosecret/),
    ]),
  );
});

test('file problems carry their path and a hint', () => {
  const path = withFile(`
approvals:
  channel: general
  approvers: [alice]
  approvals_required: 0
  pending_timeout: forever
  escalate_to: [U0BOSS, '#security']
credentials:
  default_ttl: 60d
  max_ttl: 30d
policies:
  - vendor: vectra
    roles: []
    requesters: [alice]
    approvals: { approvers: [], remind_every: soon, quorum: 2 }
    operator: { users: [] }
vendors:
  vectra:
    type: vectra-fusion
    admin_netosecret_env: MISSING_VAR
    colour: blue
`);
  const found = problems(() =>
    loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', KEYWARDEN_CONFIG: path }),
  );
  const text = found.join('\n');
  expect(text).toContain('approvals.channel: must be a Slack channel ID');
  expect(text).toContain('approvals.approvers.0: must be a Slack user ID');
  expect(text).toContain('approvals.pending_timeout: "forever" is not a duration');
  expect(text).toContain('approvals.approvals_required: must be at least 1');
  expect(text).toContain('approvals.escalate_to.1: must be a Slack user ID (U…) or user group ID (S…)');
  expect(text).toContain('policies.0.roles: list at least one role, or leave roles out to cover every role');
  expect(text).toContain('policies.0.requesters.0: must be a Slack user ID (U…) or user group ID (S…)');
  expect(text).toContain('policies.0.approvals.approvers: name at least one approver (a user or a user group)');
  expect(text).toContain('policies.0.approvals.remind_every: "soon" is not a duration');
  expect(text).toMatch(/policies\.0\.approvals: Unrecognized key: "quorum"/);
  expect(text).toContain('policies.0.operator: name at least one operator user or group');
  expect(text).toContain('vendors.vectra');
  expect(text).toContain('colour');
});

test('a missing file and a missing secret variable are named', () => {
  expect(
    problems(() =>
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', KEYWARDEN_CONFIG: '/nonexistent/k.yaml' }),
    ),
  ).toEqual(['KEYWARDEN_CONFIG: cannot read /nonexistent/k.yaml (create it from keywarden.example.yaml)']);
  const found = problems(() =>
    loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', KEYWARDEN_CONFIG: withFile(goodYaml) }),
  );
  expect(found).toEqual([
    expect.stringMatching(/vendors\.vectra\.admin_netosecret_env: environment variable VECTRA_NS is not set$/),
  ]);
});

test('an external Temporal cluster requires shared sealing keys', () => {
  const found = problems(() =>
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      TEMPORAL_ADDRESS: 'temporal:7233',
      KEYWARDEN_CONFIG: withFile(goodYaml),
      VECTRA_NS: netosecret,
    }),
  );
  expect(found).toEqual([expect.stringContaining('KEYWARDEN_SEALING_KEYS: is required with TEMPORAL_ADDRESS')]);
});
