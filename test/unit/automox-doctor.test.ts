/** `diagnoseAutomox` against the fake: a good tenant passes every check; each broken setting fails one with its fix. */
import type { AutomoxConnection } from '../../vendors/automox/config';
import { diagnoseAutomox } from '../../vendors/automox/doctor';
import { FakeAutomox } from '../../vendors/automox/fake/server';
import type { DoctorCheck } from '../../vendors/doctor-kit';
import { SecretText } from '../../secrets/secret-text';

let fake: FakeAutomox;
let good: AutomoxConnection;
let ids: { siem: number; backup: number; admin: number; zoneAdmin: string };
let secrets: string[];

beforeEach(async () => {
  fake = new FakeAutomox();
  const url = await fake.start();
  const admin = fake.createUser({ email: 'admin@example.com', role: 'global-admin' });
  const siem = fake.createUser({ email: 'kw-siem@example.com', role: 'read-only' });
  const backup = fake.createUser({ email: 'kw-backup@example.com', role: 'read-only' });
  const siemKey = fake.issueKey(siem.id, 'bootstrap');
  const backupKey = fake.issueKey(backup.id, 'bootstrap');
  const adminKey = fake.issueKey(admin.id, 'keywarden-admin-console');
  const notAdmin = fake.createUser({ email: 'zone-only@example.com', role: 'read-only' });
  ids = { siem: siem.id, backup: backup.id, admin: admin.id, zoneAdmin: fake.issueKey(notAdmin.id, 'console') };
  secrets = [siemKey, backupKey, adminKey, ids.zoneAdmin];
  const integration = (name: string, userId: number, key: string) => ({
    name,
    userId,
    apiKey: new SecretText(key),
    apiKeyEnv: `AX_${name.toUpperCase()}_KEY`,
  });
  good = {
    type: 'automox',
    displayName: 'Automox',
    baseUrl: url,
    orgId: fake.orgId,
    roles: ['read-only'],
    integrations: { siem: integration('siem', siem.id, siemKey), backup: integration('backup', backup.id, backupKey) },
    fieldLimits: { integration: ['siem', 'backup'] },
    invite: {
      adminApiKey: new SecretText(adminKey),
      accountId: fake.accountId,
      zoneId: fake.zoneId,
      remindEveryMs: 1,
      deadlineMs: 1,
    },
  };
});
afterEach(async () => {
  // Read-only: no key or user was created, changed or deleted; the only POSTs read a key (decrypt).
  expect(
    fake.http.calls.filter((c) => c.method !== 'GET' && !(c.method === 'POST' && c.path.endsWith('/decrypt'))),
  ).toEqual([]);
  await fake.stop();
});

/** The failed checks, each with its fix; no secret anywhere in what the doctor says. */
function failures(checks: DoctorCheck[]): DoctorCheck[] {
  const text = JSON.stringify(checks);
  for (const secret of secrets) expect(text).not.toContain(secret);
  return checks.filter((c) => !c.ok);
}

function withSiem(change: Partial<AutomoxConnection['integrations'][string]>): AutomoxConnection {
  return { ...good, integrations: { ...good.integrations, siem: { ...good.integrations.siem!, ...change } } };
}

test('a good tenant passes every check, one line each', async () => {
  const checks = await diagnoseAutomox(good);
  expect(failures(checks)).toEqual([]);
  expect(checks.map((c) => c.what)).toEqual([
    `integration siem: the key in AX_SIEM_KEY lists Automox user ${ids.siem}'s keys`,
    `integration siem: the key in AX_SIEM_KEY is user ${ids.siem}'s own and may manage its keys`,
    "integration siem: the user's keys are within Automox's cap",
    'integration siem: the user has one holder',
    `integration backup: the key in AX_BACKUP_KEY lists Automox user ${ids.backup}'s keys`,
    `integration backup: the key in AX_BACKUP_KEY is user ${ids.backup}'s own and may manage its keys`,
    "integration backup: the user's keys are within Automox's cap",
    'integration backup: the user has one holder',
    "invite: the admin key reads the zone's users",
    "invite: the admin key's user is a Global Admin",
  ]);
  expect(checks.find((c) => c.what.includes('cap'))?.detail).toBe('1 of 10');
});

test.each<[string, () => AutomoxConnection, RegExp, RegExp]>([
  [
    'wrong user_id',
    () => withSiem({ userId: ids.backup }),
    /lists Automox user/,
    /set integrations\.siem\.user_id to the key's own user/,
  ],
  ['a user_id with no user', () => withSiem({ userId: 999_999 }), /lists Automox user/, /Automox has no user 999999/],
  ['wrong org', () => ({ ...good, orgId: good.orgId + 1 }), /lists Automox user/, /set org_id to the organization/],
  [
    'key refused',
    () => withSiem({ apiKey: new SecretText('revoked-or-mistyped') }),
    /lists Automox user/,
    /Automox refuses the key in AX_SIEM_KEY/,
  ],
  [
    "an administrator's key for the integration user",
    () => withSiem({ apiKey: good.invite!.adminApiKey }),
    /is user \d+'s own/,
    /set AX_SIEM_KEY to a key created by user \d+ itself/,
  ],
  [
    'wrong zone',
    () => ({ ...good, invite: { ...good.invite!, zoneId: '00000000-0000-4000-8000-000000000000' } }),
    /admin key reads the zone's users/,
    /check invite\.account_id and invite\.zone_id/,
  ],
  [
    'an admin key without Global Admin',
    () => ({ ...good, invite: { ...good.invite!, adminApiKey: new SecretText(ids.zoneAdmin) } }),
    /admin key reads the zone's users/,
    /Global Admin account role/,
  ],
])('%s fails its check with the fix', async (_story, connection, what, fix) => {
  const failed = failures(await diagnoseAutomox(connection()));
  expect(failed[0]).toMatchObject({ ok: false, what: expect.stringMatching(what), fix: expect.stringMatching(fix) });
});

test('a shared or crowded integration user is reported, and a role without Personal API Key: Manage', async () => {
  fake.issueKey(ids.siem, 'my-own-script');
  fake.issueKey(ids.backup, 'keywarden-aaa');
  fake.issueKey(ids.backup, 'keywarden-bbb-g2');
  for (let i = 0; i < 7; i++) fake.issueKey(ids.backup, `keywarden-bbb-g${i + 3}`);
  const limited = fake.createUser({ email: 'kw-limited@example.com', role: 'read-only', canManageOwnKeys: false });
  const connection: AutomoxConnection = {
    ...good,
    integrations: {
      ...good.integrations,
      limited: {
        name: 'limited',
        userId: limited.id,
        apiKey: new SecretText(fake.issueKey(limited.id, 'b')),
        apiKeyEnv: 'AX_LIMITED_KEY',
      },
    },
  };
  const failed = failures(await diagnoseAutomox(connection));
  expect(failed.map((c) => [c.what, c.fix])).toEqual([
    ['integration siem: the user has one holder', expect.stringContaining('delete them in Automox')],
    ["integration backup: the user's keys are within Automox's cap", expect.stringContaining('revoke credentials')],
    ['integration backup: the user has one holder', expect.stringContaining('each holder can read')],
    [
      expect.stringContaining('integration limited: the key in AX_LIMITED_KEY is user'),
      expect.stringContaining('Personal API Key: Manage'),
    ],
    ['integration limited: the user has one holder', 'fix the check above first'],
  ]);
});
