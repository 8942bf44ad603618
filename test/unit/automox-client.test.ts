/** Contract: the Automox client against the fake, over real HTTP, every endpoint and error it uses. */
import { toActivityFailure } from '../../activities/failures';
import { VendorError } from '../../vendors/errors';
import { vendorFailure } from '../support/vendor-errors';
import { apiRoot, AutomoxClient } from '../../vendors/automox/client';
import { FakeAutomox } from '../../vendors/automox/fake/server';

const DAY = 86_400_000;
let fake: FakeAutomox;
let url: string;
let client: AutomoxClient;
let org: number;
let admin: { id: number; key: string };
let reader: { id: number; key: string };

beforeAll(async () => {
  fake = new FakeAutomox();
  url = await fake.start();
  client = new AutomoxClient(url);
  org = fake.orgId;
  const adminUser = fake.createUser({ email: 'admin@example.com', role: 'global-admin' });
  admin = { id: adminUser.id, key: fake.issueKey(adminUser.id, 'console') };
  const readerUser = fake.createUser({ email: 'reader@example.com', role: 'read-only' });
  reader = { id: readerUser.id, key: fake.issueKey(readerUser.id, 'console') };
});
afterAll(() => fake.stop());
afterEach(() => fake.http.clearFaults());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await vendorFailure(promise)).code;
}

test('apiRoot accepts an origin or the API root', () => {
  expect(apiRoot('https://console.automox.com/api')).toBe('https://console.automox.com/api');
  expect(apiRoot('https://console.automox.com/')).toBe('https://console.automox.com/api');
});

test('the owner creates, lists, decrypts, disables, re-enables and deletes a key', async () => {
  const expiresAt = Date.now() + 7 * DAY;
  const created = await client.createApiKey(reader.key, org, reader.id, { name: 'kw-contract', expiresAt });
  expect(created).toMatchObject({ name: 'kw-contract', enabled: true });
  expect(Math.abs((created.expiresAt ?? 0) - expiresAt)).toBeLessThan(1000);
  expect((await client.listApiKeys(reader.key, org, reader.id)).map((k) => k.name)).toContain('kw-contract');
  expect((await client.listApiKeys(admin.key, org, reader.id)).map((k) => k.id)).toContain(created.id);

  const secret = await client.decryptApiKey(reader.key, org, reader.id, created.id);
  expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
  expect(fake.secrets()).toContain(secret.reveal());
  expect(await client.probeKey(secret, org, reader.id)).toBe('accepted');

  expect(await client.setApiKeyEnabled(admin.key, org, reader.id, created.id, false)).toBe('updated');
  expect(await client.probeKey(secret, org, reader.id)).toBe('refused');
  expect(await codeOf(client.listApiKeys(secret, org, reader.id))).toBe('unauthorized');
  expect(await client.setApiKeyEnabled(reader.key, org, reader.id, created.id, true)).toBe('updated');
  expect(await client.probeKey(secret, org, reader.id)).toBe('accepted');

  expect(await client.deleteApiKey(admin.key, org, reader.id, created.id)).toBe('deleted');
  expect(await client.deleteApiKey(admin.key, org, reader.id, created.id)).toBe('absent');
  expect(await client.setApiKeyEnabled(admin.key, org, reader.id, created.id, true)).toBe('absent');
  expect(await client.probeKey(secret, org, reader.id)).toBe('refused');
});

test('a key without an expiry never expires; an expired key is refused', async () => {
  const forever = await client.createApiKey(reader.key, org, reader.id, { name: 'kw-forever' });
  expect(forever.expiresAt).toBeNull();
  const expired = fake.issueKey(reader.id, 'kw-expired', Date.now() - 1000);
  expect(await client.probeKey(expired, org, reader.id)).toBe('refused');
});

test('invitations create pending zone users that become active when accepted', async () => {
  const invitations = await client.invite(admin.key, fake.accountId, { email: 'new@example.com', zoneId: fake.zoneId });
  expect(invitations).toEqual([
    expect.objectContaining({
      email: 'new@example.com',
      accountRole: 'no-global-access',
      zones: [{ zoneId: fake.zoneId, role: 'read-only' }],
    }),
  ]);
  const pending = (await client.listZoneUsers(admin.key, fake.accountId, fake.zoneId)).find(
    (u) => u.email === 'new@example.com',
  );
  expect(pending).toMatchObject({ status: 'pending-invite', zoneRole: 'read-only' });

  const accepted = fake.acceptInvitation('new@example.com');
  const active = (await client.listZoneUsers(admin.key, fake.accountId, fake.zoneId)).find(
    (u) => u.email === 'new@example.com',
  );
  expect(active).toMatchObject({ status: 'active', id: accepted.id, uuid: accepted.uuid });
});

test('zone users are read across every page', async () => {
  const crowd = new FakeAutomox();
  const crowdUrl = await crowd.start();
  try {
    const boss = crowd.createUser({ email: 'boss@example.com', role: 'global-admin' });
    const bossKey = crowd.issueKey(boss.id, 'console');
    for (let i = 0; i < 520; i++) crowd.createUser({ email: `user${i}@example.com`, role: 'read-only' });
    const users = await new AutomoxClient(crowdUrl).listZoneUsers(bossKey, crowd.accountId, crowd.zoneId);
    expect(users).toHaveLength(521);
    expect(new Set(users.map((u) => u.email)).size).toBe(521);
    expect(crowd.http.calls.filter((c) => c.path.endsWith('/users'))).toHaveLength(2);
  } finally {
    await crowd.stop();
  }
});

test("Automox's rules come back as coded errors with its message", async () => {
  expect(await codeOf(client.listApiKeys('not-a-key', org, reader.id))).toBe('unauthorized');
  const notOwner = await vendorFailure(client.createApiKey(admin.key, org, reader.id, { name: 'kw-by-admin' }));
  expect(notOwner).toMatchObject({ code: 'forbidden', message: expect.stringContaining('their own account') });
  expect(await codeOf(client.listApiKeys(reader.key, org, admin.id))).toBe('forbidden');
  const readerKeyId = (await client.listApiKeys(reader.key, org, reader.id))[0]!.id;
  expect(await codeOf(client.decryptApiKey(admin.key, org, reader.id, readerKeyId))).toBe('forbidden');
  const invite = { email: 'someone@example.com', zoneId: fake.zoneId };
  expect(await codeOf(client.invite(reader.key, fake.accountId, invite))).toBe('forbidden');

  expect(await codeOf(client.listApiKeys(admin.key, org, 999_999))).toBe('not_found');
  expect(await codeOf(client.decryptApiKey(reader.key, org, reader.id, 999_999))).toBe('not_found');
  expect(await codeOf(client.invite(admin.key, '00000000-0000-4000-8000-000000000000', invite))).toBe('not_found');
  expect(await codeOf(client.listApiKeys(reader.key, org + 1, reader.id))).toBe('invalid_request');

  await client.createApiKey(reader.key, org, reader.id, { name: 'kw-unique' });
  expect(await codeOf(client.createApiKey(reader.key, org, reader.id, { name: 'kw-unique' }))).toBe('conflict');
  await client.invite(admin.key, fake.accountId, invite);
  expect(await codeOf(client.invite(admin.key, fake.accountId, invite))).toBe('conflict');
  expect(await codeOf(client.invite(admin.key, fake.accountId, { ...invite, email: 'reader@example.com' }))).toBe(
    'conflict',
  );
});

test('the 10-key cap is refused, disabled keys included, and refusals are not retried', async () => {
  const full = fake.createUser({ email: 'full@example.com', role: 'read-only' });
  const fullKey = fake.issueKey(full.id, 'console');
  for (let i = 1; i < 10; i++) fake.issueKey(full.id, `kw-${i}`);
  const one = (await client.listApiKeys(fullKey, org, full.id)).find((k) => k.name === 'kw-1')!;
  await client.setApiKeyEnabled(fullKey, org, full.id, one.id, false);
  const capped = await vendorFailure(client.createApiKey(fullKey, org, full.id, { name: 'kw-11' }));
  expect(capped).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('at most 10') });

  for (const code of ['invalid_request', 'unauthorized', 'forbidden', 'not_found', 'conflict'] as const) {
    const error = new VendorError(code, 'refused', { vendor: 'Automox' });
    expect(toActivityFailure(error)).toMatchObject({ type: `Vendor.${code}`, nonRetryable: true });
  }
  expect(toActivityFailure(capped)).toMatchObject({ type: 'Vendor.invalid_request', nonRetryable: true });
});

test('429 carries Retry-After into the retry delay; 503 and hangs are retryable outages', async () => {
  fake.http.inject({
    path: '/api/users/',
    respond: { status: 429, body: { errors: ['rate limit exceeded'] }, headers: { 'retry-after': '7' } },
  });
  const limited = await vendorFailure(client.listApiKeys(reader.key, org, reader.id));
  expect(limited).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 7000 } });
  expect(toActivityFailure(limited)).toMatchObject({
    type: 'Vendor.rate_limited',
    nextRetryDelay: 7000,
    nonRetryable: false,
  });

  fake.http.inject({ path: '/api/accounts/', respond: { status: 503, body: { errors: ['maintenance'] } } });
  const down = await vendorFailure(client.listZoneUsers(admin.key, fake.accountId, fake.zoneId));
  expect(down).toMatchObject({ code: 'unavailable', message: expect.stringContaining('maintenance') });
  expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });

  const hurried = new AutomoxClient(url, undefined, 300);
  fake.http.inject({ path: '/api/users/', hang: true });
  expect(await codeOf(hurried.probeKey(reader.key, org, reader.id))).toBe('unavailable');
});
