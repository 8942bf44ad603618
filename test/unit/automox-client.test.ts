/**
 * Contract: the Automox clients against the fake, over real HTTP, every endpoint and error they use — run against
 * each fake variant, i.e. each way Automox may answer where its sources are silent or disagree.
 */
import { toActivityFailure } from '../../activities/failures';
import { AutomoxAccounts } from '../../vendors/automox/accounts';
import { apiRoot, AutomoxClient } from '../../vendors/automox/client';
import { FAKE_AUTOMOX_VARIANTS, type FakeAutomoxSettings } from '../../vendors/automox/fake/settings';
import { FakeAutomox } from '../../vendors/automox/fake/server';
import { VendorError } from '../../vendors/errors';
import { vendorFailure } from '../support/vendor-errors';

const DAY = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await vendorFailure(promise)).code;
}

test('apiRoot accepts an origin or the API root', () => {
  expect(apiRoot('https://console.automox.com/api')).toBe('https://console.automox.com/api');
  expect(apiRoot('https://console.automox.com/')).toBe('https://console.automox.com/api');
});

describe.each(FAKE_AUTOMOX_VARIANTS)('against the %s fake', (_variant, settings: FakeAutomoxSettings) => {
  let fake: FakeAutomox;
  let url: string;
  let client: AutomoxClient;
  let accounts: AutomoxAccounts;
  let org: number;
  let admin: { id: number; key: string };
  let reader: { id: number; key: string };

  beforeEach(async () => {
    fake = new FakeAutomox(settings);
    url = await fake.start();
    client = new AutomoxClient(url);
    accounts = new AutomoxAccounts(url);
    org = fake.orgId;
    const adminUser = fake.createUser({ email: 'admin@example.com', role: 'global-admin' });
    admin = { id: adminUser.id, key: fake.issueKey(adminUser.id, 'console') };
    const readerUser = fake.createUser({ email: 'reader@example.com', role: 'read-only' });
    reader = { id: readerUser.id, key: fake.issueKey(readerUser.id, 'console') };
  });
  afterEach(() => fake.stop());

  test('the owner creates, lists, decrypts, disables, re-enables and deletes a key; refused keys probe as refused', async () => {
    const expiresAt = Date.now() + 7 * DAY;
    const created = await client.createApiKey(reader.key, org, reader.id, { name: 'kw-contract', expiresAt });
    expect(fake.http.calls.at(-1)).toMatchObject({ method: 'POST', status: settings.createStatus });
    expect(created).toMatchObject({ name: 'kw-contract', enabled: true });
    expect(Math.abs((created.expiresAt ?? 0) - expiresAt)).toBeLessThan(1000);
    expect((await client.listApiKeys(admin.key, org, reader.id)).map((k) => k.id)).toContain(created.id);

    const secret = await client.decryptApiKey(reader.key, org, reader.id, created.id);
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(fake.secrets()).toContain(secret.reveal());
    expect(await client.probeKey(secret, org, reader.id)).toBe('accepted');

    expect(await client.setApiKeyEnabled(admin.key, org, reader.id, created.id, false)).toBe('updated');
    expect(await client.probeKey(secret, org, reader.id)).toBe('refused');
    expect(fake.http.calls.at(-1)?.status).toBe(settings.refusalStatus);
    expect(await client.setApiKeyEnabled(reader.key, org, reader.id, created.id, true)).toBe('updated');
    expect(await client.probeKey(secret, org, reader.id)).toBe('accepted');

    expect(await client.deleteApiKey(admin.key, org, reader.id, created.id)).toBe('deleted');
    expect(await client.deleteApiKey(admin.key, org, reader.id, created.id)).toBe('absent');
    expect(await client.setApiKeyEnabled(admin.key, org, reader.id, created.id, true)).toBe('absent');
    expect(await client.probeKey(secret, org, reader.id)).toBe('refused');
    const expired = fake.issueKey(reader.id, 'kw-expired', Date.now() - 1000);
    expect(await client.probeKey(expired, org, reader.id)).toBe('refused');
    // A wrong organization is a misconfiguration, never mistaken for a refusal.
    expect(await codeOf(client.probeKey(reader.key, org + 1, reader.id))).toBe('invalid_request');
  });

  test('a taken name comes back as 400 or 409, both coded so the caller lists again', async () => {
    await client.createApiKey(reader.key, org, reader.id, { name: 'kw-unique' });
    const taken = await codeOf(client.createApiKey(reader.key, org, reader.id, { name: 'kw-unique' }));
    expect(taken).toBe(settings.duplicateNameStatus === 409 ? 'conflict' : 'invalid_request');
    const forever = await client.createApiKey(reader.key, org, reader.id, { name: 'kw-forever' });
    expect(forever.expiresAt).toBeNull();
  });

  test('a role without Personal API Key: Manage is refused create and decrypt with 403', async () => {
    const limited = fake.createUser({ email: 'limited@example.com', role: 'read-only', canManageOwnKeys: false });
    const key = fake.issueKey(limited.id, 'console');
    const keyId = fake.keysOf(limited.id)[0]!.id;
    expect(await codeOf(client.createApiKey(key, org, limited.id, { name: 'kw-x' }))).toBe('forbidden');
    expect(await codeOf(client.decryptApiKey(key, org, limited.id, keyId))).toBe('forbidden');
    expect(await client.probeKey(key, org, limited.id)).toBe('accepted');
  });

  test('an invitation goes through whichever account-role spelling Automox accepts, and it is remembered', async () => {
    const invited = await accounts.invite(admin.key, fake.accountId, { email: 'new@example.com', zoneId: fake.zoneId });
    expect(invited).toEqual([
      expect.objectContaining({ email: 'new@example.com', zones: [{ zoneId: fake.zoneId, role: 'read-only' }] }),
    ]);
    const posts = () => fake.http.calls.filter((c) => c.path.endsWith('/invitations'));
    expect(posts().map((c) => c.status)).toEqual(
      settings.accountRoleSpelling === 'no-global-access' ? [201] : [400, 201],
    );

    await accounts.invite(admin.key, fake.accountId, { email: 'second@example.com', zoneId: fake.zoneId });
    expect(posts().at(-1)?.status).toBe(201);
    expect(posts().filter((c) => c.status === 400).length).toBeLessThanOrEqual(1);

    const pending = (await accounts.listZoneUsers(admin.key, fake.accountId, fake.zoneId)).find(
      (u) => u.email === 'new@example.com',
    );
    expect(pending).toMatchObject({ status: 'pending-invite', zoneRole: 'read-only' });
    const accepted = fake.acceptInvitation('new@example.com');
    const active = (await accounts.listZoneUsers(admin.key, fake.accountId, fake.zoneId)).find(
      (u) => u.email === 'new@example.com',
    );
    expect(active).toMatchObject({ status: 'active', id: accepted.id, uuid: accepted.uuid });
  });

  test('inviting someone who already has a user: 409, or 201 without email', async () => {
    const spec = { email: 'reader@example.com', zoneId: fake.zoneId };
    if (settings.existingUserInvite === 409) {
      expect(await codeOf(accounts.invite(admin.key, fake.accountId, spec))).toBe('conflict');
    } else {
      expect(await accounts.invite(admin.key, fake.accountId, spec)).toEqual([
        expect.objectContaining({ email: undefined }),
      ]);
    }
  });

  test('zone users are read across every page, with or without metadata', async () => {
    for (let i = 0; i < 520; i++) fake.createUser({ email: `user${i}@example.com`, role: 'read-only' });
    const users = await accounts.listZoneUsers(admin.key, fake.accountId, fake.zoneId);
    expect(users).toHaveLength(522);
    expect(new Set(users.map((u) => u.email)).size).toBe(522);
    expect(fake.http.calls.filter((c) => c.path.endsWith('/users'))).toHaveLength(2);
  });

  test('removing a user takes their keys with them; removing again is absent', async () => {
    const gone = fake.createUser({ email: 'gone@example.com', role: 'read-only' });
    const key = fake.issueKey(gone.id, 'console');
    expect(await accounts.removeUser(admin.key, fake.accountId, gone.uuid)).toBe('removed');
    expect(fake.hasUser(gone.id)).toBe(false);
    expect(await accounts.removeUser(admin.key, fake.accountId, gone.uuid)).toBe('absent');
    expect(await client.probeKey(key, org, gone.id)).toBe('refused');
    expect(await codeOf(accounts.removeUser(reader.key, fake.accountId, gone.uuid))).toBe('forbidden');
    expect(await accounts.self(reader.key)).toEqual({ id: reader.id });
  });

  test("Automox's rules come back as coded errors with its message", async () => {
    expect(await codeOf(client.listApiKeys('not-a-key', org, reader.id))).toBe('unauthorized');
    const notOwner = await vendorFailure(client.createApiKey(admin.key, org, reader.id, { name: 'kw-by-admin' }));
    expect(notOwner).toMatchObject({ code: 'forbidden', message: expect.stringContaining('their own account') });
    expect(await codeOf(client.listApiKeys(reader.key, org, admin.id))).toBe('forbidden');
    const readerKeyId = (await client.listApiKeys(reader.key, org, reader.id))[0]!.id;
    expect(await codeOf(client.decryptApiKey(admin.key, org, reader.id, readerKeyId))).toBe('forbidden');
    const invite = { email: 'someone@example.com', zoneId: fake.zoneId };
    expect(await codeOf(accounts.invite(reader.key, fake.accountId, invite))).toBe('forbidden');
    expect(await codeOf(client.listApiKeys(admin.key, org, 999_999))).toBe('not_found');
    expect(await codeOf(client.decryptApiKey(reader.key, org, reader.id, 999_999))).toBe('not_found');
    expect(await codeOf(accounts.invite(admin.key, '00000000-0000-4000-8000-000000000000', invite))).toBe('not_found');
    expect(await codeOf(client.listApiKeys(reader.key, org + 1, reader.id))).toBe('invalid_request');
  });

  test('the 10-key cap is refused, disabled keys included, and refusals are not retried', async () => {
    for (let i = 1; i < 10; i++) fake.issueKey(reader.id, `kw-${i}`);
    const one = (await client.listApiKeys(reader.key, org, reader.id)).find((k) => k.name === 'kw-1')!;
    await client.setApiKeyEnabled(reader.key, org, reader.id, one.id, false);
    const capped = await vendorFailure(client.createApiKey(reader.key, org, reader.id, { name: 'kw-11' }));
    expect(capped).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('at most 10') });
    for (const code of [
      'invalid_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'needs_admin',
    ] as const) {
      const error = new VendorError(code, 'refused', { vendor: 'Automox' });
      expect(toActivityFailure(error)).toMatchObject({ type: `Vendor.${code}`, nonRetryable: true });
    }
  });

  test('429 without Retry-After falls back on the activity retry; 503 and hangs are retryable outages', async () => {
    fake.rateLimitNext();
    const limited = await vendorFailure(client.listApiKeys(reader.key, org, reader.id));
    expect(limited).toMatchObject({ code: 'rate_limited' });
    expect(limited.details.retryAfterMs).toBeUndefined();
    expect(toActivityFailure(limited)).toMatchObject({ type: 'Vendor.rate_limited', nonRetryable: false });

    // Persisting through the step's own retries (vendors/http-retry.ts).
    fake.http.inject({ path: '/api/accounts/', times: 3, respond: { status: 503, body: { errors: ['maintenance'] } } });
    const down = await vendorFailure(accounts.listZoneUsers(admin.key, fake.accountId, fake.zoneId));
    expect(down).toMatchObject({ code: 'unavailable', message: expect.stringContaining('maintenance') });
    expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });

    const hurried = new AutomoxClient(url, undefined, 300);
    fake.http.inject({ path: '/api/users/', hang: true, times: 3 });
    expect(await codeOf(hurried.probeKey(reader.key, org, reader.id))).toBe('unavailable');
  });
});
