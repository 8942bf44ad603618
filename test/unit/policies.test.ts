/** Approval and credential policies in `keywarden.yaml`: how they are read, merged, and checked at load time. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type KeywardenConfig } from '../../config/load';
import { resolvePolicy } from '../../policies/resolve';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An unsigned JWT that expires in a year: N-central's verifier token only has to look valid here. */
function verifierJwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 365 * 86_400;
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '7', exp })}.c2lnbmF0dXJl`;
}

const secrets = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 's',
  VECTRA_NS: encodeNetosecret({
    url: 'https://fusion.example',
    shortname: 'acme',
    appname: 'admin',
    sharedsecret: 'ss',
    appkey: 'ak',
  }),
  AUTOMOX_KEY: 'automox-key',
  NCENTRAL_JWT: verifierJwt(),
};

/** Two vendors without operator steps (Vectra, Automox) and two with (N-central, Gotransverse). */
const vendorsYaml = `
vendors:
  vectra:
    type: vectra-fusion
    admin_netosecret_env: VECTRA_NS
    roles: [readonly, admin]
  automox:
    type: automox
    org_id: 1
    integrations: { siem: { user_id: 2, api_key_env: AUTOMOX_KEY } }
  ncentral:
    type: n-central
    base_url: https://ncentral.example.com
    org_unit_id: 50
    verifier_jwt_env: NCENTRAL_JWT
    roles: [read-only, admin]
    human_steps:
      operator: { groups: [S0OPERATORS] }
  gotransverse:
    type: gotransverse
    api_base_url: https://eu2-api.tractbilling.com
    ui_url: https://acme.gotransverse.com
    allowed_apisets: [Dunning]
    human_steps:
      operator: { users: [U0OPS] }
`;

const approvalsYaml = `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB]
`;

function writeConfig(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kw-policies-')), 'keywarden.yaml');
  writeFileSync(path, yaml);
  return path;
}

function load(yaml: string, env: Record<string, string> = secrets): KeywardenConfig {
  return loadConfig({ ...env, KEYWARDEN_CONFIG: writeConfig(yaml) });
}

/** The problems a file causes, with its temporary path shown as `keywarden.yaml`. */
function problemsIn(yaml: string, env: Record<string, string> = secrets): string[] {
  const path = writeConfig(yaml);
  try {
    loadConfig({ ...env, KEYWARDEN_CONFIG: path });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.replace(path, 'keywarden.yaml'));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** A file with the default approvals and vendors, plus the given sections (policies, credentials...). */
const withPolicies = (yaml: string): string => `${approvalsYaml}${yaml}${vendorsYaml}`;

describe('reading', () => {
  test('approver lists mix users and user groups, split by prefix; defaults fill the rest', () => {
    const config = load(`
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, S0SECURITY, W0BOB, U0ALICE]
  auto_approve: [S0SOC]
${vendorsYaml}`);
    expect(config.policies.approvals).toEqual({
      channel: 'C0APPROVE',
      approvers: { users: ['U0ALICE', 'W0BOB'], groups: ['S0SECURITY'] },
      approvalsRequired: 1,
      allowSelfApproval: false,
      autoApprove: { users: [], groups: ['S0SOC'] },
      pendingTimeoutMs: DAY,
      escalateTo: { users: [], groups: [] },
    });
    expect(config.policies.overrides).toEqual([]);
  });

  test('an entry keeps only what it sets, and is labelled by where it sits', () => {
    const config = load(
      withPolicies(`
policies:
  - vendor: vectra
    credentials: { max_ttl: 60d }
  - vendor: automox
    roles: [read-only]
    requesters: [S0SOC, U0CAROL]
    approvals: { auto_approve: [S0SOC], escalate_to: [] }
  - vendor: ncentral
    operator: { users: [U0DAVE] }
`),
    );
    expect(config.policies.overrides).toEqual([
      { vendor: 'vectra', approvals: {}, credentials: { maxTtlMs: 60 * DAY }, label: 'policies.0 (vectra)' },
      {
        vendor: 'automox',
        roles: ['read-only'],
        requesters: { users: ['U0CAROL'], groups: ['S0SOC'] },
        approvals: { autoApprove: { users: [], groups: ['S0SOC'] }, escalateTo: { users: [], groups: [] } },
        credentials: {},
        label: 'policies.1 (automox read-only)',
      },
      {
        vendor: 'ncentral',
        approvals: {},
        credentials: {},
        operator: { users: ['U0DAVE'], groups: [] },
        label: 'policies.2 (ncentral)',
      },
    ]);
  });
});

describe('inheritance', () => {
  const config = () =>
    load(`
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB, S0SECURITY]
  pending_timeout: 24h
  remind_every: 4h
credentials:
  default_ttl: 30d
  max_ttl: 90d
policies:
  - vendor: ncentral
    requesters: [S0IT]
    approvals: { approvals_required: 2, pending_timeout: 48h }
    credentials: { max_ttl: 60d }
  - vendor: ncentral
    roles: [admin]
    approvals: { channel: C0ADMINS, pending_timeout: 8h, remind_every: 2h }
    credentials: { default_ttl: 1d, max_ttl: 7d }
    operator: { users: [U0DAVE] }
${vendorsYaml}`);

  test('a vendor with no entry runs under the defaults', () => {
    const policy = resolvePolicy(config().policies, 'vectra', 'readonly');
    expect(policy.source).toBe('defaults');
    expect(policy.approvals).toMatchObject({ channel: 'C0APPROVE', approvalsRequired: 1, pendingTimeoutMs: DAY });
    expect(policy.requesters).toBeUndefined();
  });

  test('the vendor entry beats the defaults, and what it leaves unset is inherited', () => {
    const policy = resolvePolicy(config().policies, 'ncentral', 'read-only');
    expect(policy.source).toBe('policies.0 (ncentral)');
    expect(policy.approvals).toMatchObject({
      channel: 'C0APPROVE',
      approvalsRequired: 2,
      pendingTimeoutMs: 48 * HOUR,
      remindEveryMs: 4 * HOUR,
    });
    expect(policy.credentials).toMatchObject({ defaultTtlMs: 30 * DAY, maxTtlMs: 60 * DAY });
    expect(policy.requesters).toEqual({ users: [], groups: ['S0IT'] });
    expect(policy.operator).toBeUndefined();
  });

  test('the role entry beats the vendor entry, which still fills what the role entry leaves unset', () => {
    const policy = resolvePolicy(config().policies, 'ncentral', 'admin');
    expect(policy.source).toBe('policies.1 (ncentral admin)');
    expect(policy.approvals).toMatchObject({
      channel: 'C0ADMINS',
      approvalsRequired: 2,
      pendingTimeoutMs: 8 * HOUR,
      remindEveryMs: 2 * HOUR,
    });
    expect(policy.credentials).toMatchObject({ defaultTtlMs: DAY, maxTtlMs: 7 * DAY, revealWithinMs: DAY });
    expect(policy.requesters).toEqual({ users: [], groups: ['S0IT'] });
    expect(policy.operator).toEqual({ users: ['U0DAVE'], groups: [] });
  });
});

test('a file with several policies loads', () => {
  const config = load(`
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB, S0SECURITY]
  approvals_required: 1
  pending_timeout: 24h
  remind_every: 4h
  escalate_after: 12h
  escalate_to: [U0CISO]
credentials:
  default_ttl: 30d
  max_ttl: 90d
  rotation_period: 30d
  rotation_overlap: 1d
admins: [U0ALICE]
policies:
  - vendor: automox
    roles: [read-only]
    requesters: [S0SOC]
    approvals: { auto_approve: [S0SOC] }
  - vendor: ncentral
    approvals: { approvers: [U0ALICE, U0BOB, U0CAROL], approvals_required: 2, escalate_after: 8h, escalate_to: [S0LEADS] }
    operator: { groups: [S0NOC] }
  - vendor: gotransverse
    approvals: { channel: C0FINANCE, approvers: [S0FINANCE] }
    credentials: { default_ttl: 7d, max_ttl: 14d }
  - vendor: vectra
    roles: [admin]
    requesters: [U0ALICE]
    approvals: { approvers: [U0ALICE, U0BOB] }
${vendorsYaml}`);
  expect(config.policies.overrides.map((o) => o.label)).toEqual([
    'policies.0 (automox read-only)',
    'policies.1 (ncentral)',
    'policies.2 (gotransverse)',
    'policies.3 (vectra admin)',
  ]);
  expect(resolvePolicy(config.policies, 'gotransverse', 'read-only').credentials.maxTtlMs).toBe(14 * DAY);
});

test('the commented policies in keywarden.example.yaml load once uncommented', () => {
  const example = readFileSync(join(__dirname, '../../keywarden.example.yaml'), 'utf8');
  const lines = example.split('\n');
  const start = lines.indexOf('# policies:');
  expect(start).toBeGreaterThan(0);
  let end = start;
  while (lines[end]?.startsWith('#')) end++;
  const uncommented = [
    ...lines.slice(0, start),
    ...lines.slice(start, end).map((line) => line.replace(/^# ?/, '')),
    ...lines.slice(end),
  ].join('\n');
  const config = load(uncommented, {
    ...secrets,
    VECTRA_ADMIN_NETOSECRET: secrets.VECTRA_NS,
    AUTOMOX_SIEM_KEY: 'k1',
    AUTOMOX_BACKUP_KEY: 'k3',
    AUTOMOX_GLOBAL_ADMIN_KEY: 'k2',
    NCENTRAL_VERIFIER_JWT: secrets.NCENTRAL_JWT,
  });
  expect(config.policies.overrides.length).toBeGreaterThanOrEqual(3);
});

describe('entries must name what exists, once', () => {
  test('an unknown vendor lists the configured ones', () => {
    expect(problemsIn(withPolicies('policies:\n  - vendor: vectr\n'))).toEqual([
      'keywarden.yaml → policies.0.vendor: "vectr" is not a configured vendor; ' +
        'use one of the names under vendors: vectra, automox, ncentral, gotransverse',
    ]);
  });

  test("a role the vendor does not offer lists the vendor's roles", () => {
    expect(problemsIn(withPolicies('policies:\n  - vendor: automox\n    roles: [read-only, readonly]\n'))).toEqual([
      'keywarden.yaml → policies.0.roles.1: automox does not offer the role "readonly"; ' +
        'use one of its roles (vendors.automox.roles): read-only',
    ]);
  });

  test('two entries for a whole vendor: only the first would apply', () => {
    const yaml = `policies:
  - vendor: vectra
    credentials: { max_ttl: 60d }
  - vendor: vectra
    credentials: { max_ttl: 45d }
`;
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.1: policies.0 (vectra) already covers every role of vectra, and only the first ' +
        'such entry applies: merge the two entries, or give one of them roles',
    ]);
  });

  test('the same vendor and role in two entries: only the first would apply', () => {
    const yaml = `policies:
  - vendor: ncentral
    roles: [admin]
  - vendor: ncentral
    roles: [read-only, admin]
`;
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.1.roles.1: ncentral admin already has an entry, policies.0 (ncentral admin), and ' +
        'only the first applies: merge the two entries, or remove admin from one of them',
    ]);
  });

  test('an operator for a vendor whose steps need no operator', () => {
    expect(problemsIn(withPolicies('policies:\n  - vendor: vectra\n    operator: { users: [U0DAVE] }\n'))).toEqual([
      'keywarden.yaml → policies.0.operator: vectra has no steps done by an operator, so nobody here would ever ' +
        'be asked; remove operator from this entry',
    ]);
  });

  test('an entry for a vendor that failed to load is not called unknown', () => {
    const { AUTOMOX_KEY: _unset, ...env } = secrets;
    expect(problemsIn(withPolicies('policies:\n  - vendor: automox\n    roles: [readonly]\n'), env)).toEqual([
      'keywarden.yaml → vendors.automox.integrations.siem.api_key_env: environment variable AUTOMOX_KEY is not set',
    ]);
  });
});

describe('credential rules', () => {
  test('a default TTL longer than the maximum, in the defaults', () => {
    expect(problemsIn(withPolicies('credentials: { default_ttl: 60d, max_ttl: 30d }\n'))).toEqual([
      'keywarden.yaml → credentials.default_ttl: default_ttl (60 days) is longer than max_ttl (30 days), so a ' +
        'request without ttl= would ask for more than is allowed: lower default_ttl or raise max_ttl',
    ]);
  });

  test('a maximum an entry lowers below the inherited default TTL is reported once, for every role it affects', () => {
    const yaml = 'policies:\n  - vendor: ncentral\n    credentials: { max_ttl: 7d }\n';
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.0.credentials.max_ttl: for ncentral (every role), credentials.default_ttl ' +
        '(30 days) is longer than max_ttl (1 week), so a request without ttl= would ask for more than is allowed: ' +
        'lower default_ttl or raise max_ttl',
    ]);
  });

  test('a rotation overlap as long as the rotation period', () => {
    const yaml = `credentials: { rotation_period: 2d }
policies:
  - vendor: vectra
    roles: [admin]
    credentials: { rotation_overlap: 3d }
`;
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.0.credentials.rotation_overlap: for vectra admin, rotation_overlap (3 days) is not ' +
        'shorter than credentials.rotation_period (2 days), so the old key would still be valid when the next ' +
        'rotation starts: shorten rotation_overlap or lengthen rotation_period',
    ]);
  });
});

describe('approval rules', () => {
  const approvals = (extra: string) => `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB]
${extra}
${vendorsYaml}`;

  test('reminders that would start after the request expired', () => {
    expect(problemsIn(approvals('  pending_timeout: 24h\n  remind_every: 1d'))).toEqual([
      'keywarden.yaml → approvals.remind_every: remind_every (1 day) is not shorter than pending_timeout (1 day), ' +
        'so the request would expire before the first reminder: shorten remind_every or lengthen pending_timeout',
    ]);
  });

  test('an escalation that would come after the request expired', () => {
    expect(problemsIn(approvals('  escalate_after: 2d\n  escalate_to: [U0CISO]'))).toEqual([
      'keywarden.yaml → approvals.escalate_after: escalate_after (2 days) is not shorter than pending_timeout ' +
        '(1 day): the request would expire before anyone is told; shorten escalate_after or lengthen pending_timeout',
    ]);
  });

  test('an escalation with nobody to tell, and people to tell with no escalation', () => {
    expect(problemsIn(approvals('  escalate_after: 4h'))).toEqual([
      'keywarden.yaml → approvals.escalate_after: escalate_after is set but escalate_to names nobody, so the ' +
        'escalation would tell no one: list users or user groups in escalate_to, or remove escalate_after',
    ]);
    expect(problemsIn(approvals('  escalate_to: [S0LEADS]'))).toEqual([
      'keywarden.yaml → approvals.escalate_to: escalate_to names who to tell but escalate_after is not set, so ' +
        'they would never be told: set escalate_after (shorter than pending_timeout), or remove escalate_to',
    ]);
  });

  test('a quorum larger than the approvers named', () => {
    expect(problemsIn(approvals('  approvals_required: 3'))).toEqual([
      'keywarden.yaml → approvals.approvals_required: needs 3 approvals but names only 2 approvers, ' +
        'U0ALICE and U0BOB, so no request could ever be approved: lower approvals_required, or add approvers ' +
        '(users or a user group)',
    ]);
  });

  test('a sole approver without self-approval could never get their own request approved', () => {
    const yaml = `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE]
${vendorsYaml}`;
    expect(problemsIn(yaml)).toEqual([
      "keywarden.yaml → approvals.approvers: U0ALICE is the only approver and self-approval is off, so U0ALICE's " +
        'own requests could never be approved: add another approver, set allow_self_approval: true or limit ' +
        'requesters to people other than U0ALICE',
    ]);
  });

  test('a quorum equal to the approvers leaves each approver short of others when they request', () => {
    expect(problemsIn(approvals('  approvals_required: 2'))).toEqual([
      'keywarden.yaml → approvals.approvers: needs 2 approvals from exactly 2 approvers, U0ALICE and U0BOB, and ' +
        'self-approval is off, so a request by U0ALICE or U0BOB could never be approved: add another approver, ' +
        'lower approvals_required, set allow_self_approval: true or limit requesters to people other than U0ALICE ' +
        'and U0BOB',
    ]);
  });

  test('a policy whose only approver is the requester', () => {
    const yaml = `policies:
  - vendor: vectra
    roles: [admin]
    requesters: [U0ALICE]
    approvals: { approvers: [U0ALICE] }
`;
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.0.approvals.approvers: for vectra admin, U0ALICE is both the only approver and ' +
        'the only requester, and self-approval is off, so no request could ever be approved: add another approver ' +
        'or set allow_self_approval: true',
    ]);
  });

  test('a deadlock made by merging names the settings it came from, once for every role it affects', () => {
    const yaml = `policies:
  - vendor: ncentral
    requesters: [U0ALICE]
    approvals: { approvals_required: 2 }
`;
    expect(problemsIn(withPolicies(yaml))).toEqual([
      'keywarden.yaml → policies.0.approvals.approvals_required: for ncentral (every role), needs 2 approvals from ' +
        'exactly 2 approvers, U0ALICE and U0BOB (approvals.approvers), and self-approval is off, so no request could ' +
        'ever be approved: add another approver, lower approvals_required or set allow_self_approval: true',
    ]);
  });

  test('no deadlock when the approver may not request, is auto-approved, may self-approve, or a group approves', () => {
    const yaml = `policies:
  - vendor: vectra
    roles: [admin]
    requesters: [U0CAROL]
    approvals: { approvers: [U0ALICE] }
  - vendor: automox
    approvals: { approvers: [U0ALICE], auto_approve: [U0ALICE] }
  - vendor: gotransverse
    approvals: { approvers: [U0ALICE], allow_self_approval: true }
  - vendor: ncentral
    approvals: { approvers: [U0ALICE, S0NOC], approvals_required: 2 }
`;
    expect(() => load(withPolicies(yaml))).not.toThrow();
  });
});

test('every policy problem is reported together with the schema-free ones', () => {
  const yaml = `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE]
  remind_every: 2d
credentials: { default_ttl: 100d }
policies:
  - vendor: nope
  - vendor: vectra
    operator: { users: [U0DAVE] }
${vendorsYaml}`;
  expect(problemsIn(yaml)).toEqual([
    expect.stringMatching(/^keywarden\.yaml → policies\.0\.vendor: "nope" is not a configured vendor/),
    expect.stringMatching(/^keywarden\.yaml → policies\.1\.operator: vectra has no steps done by an operator/),
    expect.stringMatching(/^keywarden\.yaml → credentials\.default_ttl: default_ttl \(100 days\) is longer/),
    expect.stringMatching(/^keywarden\.yaml → approvals\.remind_every: remind_every \(2 days\) is not shorter/),
    expect.stringMatching(/^keywarden\.yaml → approvals\.approvers: U0ALICE is the only approver/),
  ]);
});
