/** The Automox entry of `keywarden.yaml`, its resolution, and the pure definition the bot validates with. */
import { z } from 'zod';
import { automoxFileSchema, resolveAutomox } from '../../vendors/automox/config';
import { automoxDefinition } from '../../vendors/automox/definition';

const ACCOUNT = '3f1c2b7e-8a4d-4c5e-9f10-1a2b3c4d5e6f';
const ZONE = '7d9e8f60-1b2c-4d3e-8f4a-5b6c7d8e9f01';
const env: Record<string, string> = { AX_SERVICE_KEY: 'svc-plaintext', AX_ADMIN_KEY: 'admin-plaintext' };
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
    service_user: { api_key_env: 'AX_SERVICE_KEY', user_id: 77 },
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
    serviceUser: { userId: 77 },
    invite: { accountId: ACCOUNT, zoneId: ZONE, remindEveryMs: 24 * 3_600_000, deadlineMs: 72 * 3_600_000 },
    humanSteps: { operators: { users: [], groups: [] }, remindEveryMs: 24 * 3_600_000 },
  });
  expect(connection.serviceUser?.apiKey.reveal()).toBe('svc-plaintext');
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
    ': configure service_user (automated keys), invite (a read-only user per person), or both',
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
    service_user: { api_key_env: 'AX_MISSING_SVC', user_id: 2 },
    invite: { admin_api_key_env: 'AX_MISSING_ADMIN', account_id: ACCOUNT, zone_id: ZONE },
  });
  expect(resolveAutomox(entry, readSecret)).toEqual([
    'service_user.api_key_env: environment variable AX_MISSING_SVC is not set',
    'invite.admin_api_key_env: environment variable AX_MISSING_ADMIN is not set',
  ]);
});

test('the definition checks email= and picks the playbooks by it', () => {
  expect(automoxDefinition.validateFields({})).toEqual([]);
  expect(automoxDefinition.validateFields({ email: 'jane@example.com' })).toEqual([]);
  expect(automoxDefinition.validateFields({ email: 'jane.example.com' })).toEqual([
    { field: 'email', message: expect.stringContaining('must be an email address') },
  ]);
  expect(automoxDefinition.playbooks({}).provision.map((s) => s.kind)).toEqual(['call', 'call', 'verify']);
  expect(automoxDefinition.playbooks({ email: 'jane@example.com' }).provision.map((s) => s.kind)).toEqual([
    'call',
    'await',
    'task',
    'verify',
  ]);
  const invite = automoxDefinition.playbooks({ email: 'jane@example.com' }).provision;
  expect(invite[1]).toMatchObject({ kind: 'await', assignee: 'requester' });
  expect(invite[2]).toMatchObject({ kind: 'task', assignee: 'requester', returnsSecret: true });
  expect(invite[3]).toMatchObject({ kind: 'verify', check: 'pastedKeyValid', retryTask: true });
});
