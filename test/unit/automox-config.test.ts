/** The Automox entry of `keywarden.yaml`, its resolution, and the pure definition the bot validates with. */
import { z } from 'zod';
import { automoxFileSchema, resolveAutomox } from '../../vendors/automox/config';
import { automoxDefinition } from '../../vendors/automox/definition';

const ACCOUNT = '3f1c2b7e-8a4d-4c5e-9f10-1a2b3c4d5e6f';
const ZONE = '7d9e8f60-1b2c-4d3e-8f4a-5b6c7d8e9f01';
const env: Record<string, string> = {
  AX_SIEM_KEY: 'siem-plaintext',
  AX_BACKUP_KEY: 'backup-plaintext',
  AX_ADMIN_KEY: 'admin-plaintext',
};
const readSecret = (name: string): string | undefined => env[name];

/** The schema as `vendors/config.ts` will hold it: a member of the union on `type`. */
const union = z.discriminatedUnion('type', [automoxFileSchema]);

function messages(input: unknown): string[] {
  const parsed = union.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('both modes resolve with defaults, keys wrapped so they never print', () => {
  const entry = union.parse({
    type: 'automox',
    org_id: 4242,
    integrations: {
      siem: { user_id: 77, api_key_env: 'AX_SIEM_KEY', description: 'SIEM ingestion' },
      backup: { user_id: 78, api_key_env: 'AX_BACKUP_KEY' },
    },
    invite: { admin_api_key_env: 'AX_ADMIN_KEY', account_id: ACCOUNT, zone_id: ZONE },
  });
  const connection = resolveAutomox(entry, readSecret);
  if (Array.isArray(connection)) throw new Error(connection.join('; '));
  expect(connection).toMatchObject({
    type: 'automox',
    displayName: 'Automox',
    baseUrl: 'https://console.automox.com/api',
    orgId: 4242,
    roles: ['read-only'],
    integrations: {
      siem: { name: 'siem', userId: 77, apiKeyEnv: 'AX_SIEM_KEY', description: 'SIEM ingestion' },
      backup: { name: 'backup', userId: 78, apiKeyEnv: 'AX_BACKUP_KEY' },
    },
    fieldLimits: { integration: ['siem', 'backup'] },
    invite: { accountId: ACCOUNT, zoneId: ZONE, remindEveryMs: 24 * 3_600_000, deadlineMs: 72 * 3_600_000 },
    humanSteps: { operators: { users: [], groups: [] }, remindEveryMs: 24 * 3_600_000 },
  });
  expect(connection.integrations.siem?.apiKey.reveal()).toBe('siem-plaintext');
  expect(connection.invite?.adminApiKey.reveal()).toBe('admin-plaintext');
  expect(JSON.stringify(connection)).not.toMatch(/plaintext/);
});

test('one mode is enough, and its reminders can be tuned', () => {
  const entry = union.parse({
    type: 'automox',
    org_id: 1,
    invite: {
      admin_api_key_env: 'AX_ADMIN_KEY',
      account_id: ACCOUNT,
      zone_id: ZONE,
      human_steps: { remind_every: '4h', deadline: '2d' },
    },
  });
  expect(resolveAutomox(entry, readSecret)).toMatchObject({
    invite: { remindEveryMs: 4 * 3_600_000, deadlineMs: 2 * 86_400_000 },
  });
});

test('file problems name their field', () => {
  expect(messages({ type: 'automox', org_id: 1 })).toEqual([
    ': configure integrations (automated keys, one Automox user each), invite (a read-only user per person), or both',
  ]);
  expect(
    messages({
      type: 'automox',
      org_id: 'one',
      roles: ['admin'],
      invite: { admin_api_key_env: 'lower', account_id: 'nope', zone_id: ZONE },
    }),
  ).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^org_id: /),
      expect.stringMatching(/^roles\.0: /),
      'invite.admin_api_key_env: must be an environment variable name',
      expect.stringMatching(/^invite\.account_id: /),
    ]),
  );
});

test('every unset variable is reported at once', () => {
  const entry = union.parse({
    type: 'automox',
    org_id: 1,
    integrations: { siem: { api_key_env: 'AX_MISSING_SVC', user_id: 2 } },
    invite: { admin_api_key_env: 'AX_MISSING_ADMIN', account_id: ACCOUNT, zone_id: ZONE },
  });
  expect(resolveAutomox(entry, readSecret)).toEqual([
    'integrations.siem.api_key_env: environment variable AX_MISSING_SVC is not set',
    'invite.admin_api_key_env: environment variable AX_MISSING_ADMIN is not set',
  ]);
});

test('two integrations may not share an Automox user or a key variable', () => {
  expect(
    messages({
      type: 'automox',
      org_id: 1,
      integrations: {
        siem: { user_id: 7, api_key_env: 'AX_SIEM_KEY' },
        backup: { user_id: 7, api_key_env: 'AX_SIEM_KEY' },
      },
    }),
  ).toEqual([
    expect.stringMatching(
      /^integrations\.backup\.user_id: user 7 is also integration siem's user; give each integration its own/,
    ),
    expect.stringMatching(/^integrations\.backup\.api_key_env: AX_SIEM_KEY is also integration siem's key/),
  ]);
  expect(messages({ type: 'automox', org_id: 1, integrations: { SIEM: { user_id: 7, api_key_env: 'AX_K' } } })).toEqual(
    [expect.stringMatching(/^integrations\.SIEM: integration names are lower-case/)],
  );
});

test('the old shared service_user is refused with the YAML that replaces it', () => {
  const [problem, ...rest] = messages({
    type: 'automox',
    org_id: 1,
    service_user: { api_key_env: 'AX_SERVICE_KEY', user_id: 77 },
  });
  expect(rest).toEqual([]);
  expect(problem).toMatch(/^service_user: service_user is no longer accepted: .*shared Automox user/);
  expect(problem).toContain('`service_user: { api_key_env: AX_SERVICE_KEY, user_id: 77 }`');
  expect(problem).toContain('`integrations: { siem: { user_id: 77, api_key_env: AX_SERVICE_KEY, description:');
  expect(problem).toContain('integration=siem');
});

test('the definition asks for integration= or email=, checks them against the configuration, and picks the playbooks', () => {
  const limits = { integration: ['siem', 'backup'] };
  expect(automoxDefinition.validateFields({ integration: 'siem' }, limits)).toEqual([]);
  expect(automoxDefinition.validateFields({ email: 'jane@example.com' }, limits)).toEqual([]);
  expect(automoxDefinition.validateFields({}, limits)).toEqual([
    { field: 'integration', message: expect.stringContaining('integration=<name> (one of: siem, backup), or ask') },
  ]);
  expect(automoxDefinition.validateFields({ integration: 'crm' }, limits)).toEqual([
    { field: 'integration', message: 'integration `crm` is not configured for Automox (one of: siem, backup)' },
  ]);
  expect(automoxDefinition.validateFields({ integration: 'siem', email: 'jane@example.com' }, limits)).toEqual([
    { field: 'integration', message: expect.stringContaining('not both') },
  ]);
  expect(automoxDefinition.validateFields({}, { integration: [] })).toEqual([
    { field: 'integration', message: expect.stringContaining('none are configured, so use email=') },
  ]);
  expect(automoxDefinition.validateFields({ email: 'jane.example.com' })).toEqual([
    { field: 'email', message: expect.stringContaining('must be an email address') },
  ]);
  expect(automoxDefinition.playbooks({ integration: 'siem' }).provision.map((s) => s.kind)).toEqual([
    'call',
    'call',
    'verify',
  ]);
  expect(automoxDefinition.playbooks({ email: 'jane@example.com' }).provision.map((s) => s.kind)).toEqual([
    'call',
    'await',
    'task',
    'verify',
  ]);
  const invite = automoxDefinition.playbooks({ email: 'jane@example.com' });
  expect(invite.provision[1]).toMatchObject({ kind: 'await', assignee: 'requester' });
  expect(invite.provision[2]).toMatchObject({ kind: 'task', assignee: 'requester', returnsSecret: true });
  expect(invite.provision[3]).toMatchObject({ kind: 'verify', check: 'pastedKeyValid', retryTask: true });
  // The invited user goes too, and the last verify step (the liveness probe) is still "is the key refused?".
  expect(invite.revoke.map((s) => ('action' in s ? s.action : 'check' in s ? s.check : s.kind))).toEqual([
    'disableKey',
    'deleteKey',
    'removeInvitedUser',
    'invitedUserRemoved',
    'keyRefused',
  ]);
});
