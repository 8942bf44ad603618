/** Contract: the N-central client against the fake, over real HTTP, every endpoint and error it uses. */
import { toActivityFailure } from '../../activities/failures';
import { vendorFailure } from '../support/vendor-errors';
import { apiRoot, NCentralClient, RATE_LIMIT_BACKOFF_MS } from '../../vendors/n-central/client';
import { FakeNCentral, N_CENTRAL_ROUTES } from '../../vendors/n-central/fake/server';
import { SecretText } from '../../secrets/secret-text';
import { eventually } from '../support/wait';

let fake: FakeNCentral;
let baseUrl: string;
let client: NCentralClient;
let verifierJwt: SecretText;

beforeAll(async () => {
  fake = new FakeNCentral();
  baseUrl = await fake.start();
  client = new NCentralClient(baseUrl);
  fake.createUser({ userName: 'kw-verifier', canListUsers: true });
  verifierJwt = new SecretText(fake.generateJwt('kw-verifier'));
});
afterAll(() => fake.stop());
afterEach(() => fake.http.clearFaults());

/** The same token with other claims but the original signature, as someone without the signing key could make. */
function forge(jwt: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split('.');
  const original = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...original, ...claims })).toString('base64url'), signature].join('.');
}

test('apiRoot accepts the server origin or its /api root', () => {
  expect(apiRoot('https://ncentral.example/')).toBe('https://ncentral.example/api');
  expect(apiRoot('https://ncentral.example/api')).toBe('https://ncentral.example/api');
});

test('authenticate, me, and every page of the users of an org unit', async () => {
  const { userId } = fake.createUser({ userName: 'kw-reader' });
  for (let i = 0; i < 5; i++) fake.createUser({ userName: `kw-page-${i}` });
  fake.createUser({ userName: 'kw-elsewhere', orgUnitId: 77 });

  const token = await client.authenticate(verifierJwt);
  expect(JSON.stringify(token)).toContain('"token":"[redacted]"');
  expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
  expect(await client.me(token)).toEqual({ userId: expect.any(String), userName: 'kw-verifier' });

  const before = fake.http.calls.length;
  const users = await client.listUsers(token, fake.orgUnitId, 2);
  const pages = fake.http.calls.slice(before).filter((call) => call.path === `/api/org-units/${fake.orgUnitId}/users`);
  expect(pages).toHaveLength(4);
  expect(users.map((user) => user.userName).sort()).toEqual(
    ['kw-page-0', 'kw-page-1', 'kw-page-2', 'kw-page-3', 'kw-page-4', 'kw-reader', 'kw-verifier'].sort(),
  );
  expect(users.find((user) => user.userName === 'kw-reader')).toEqual({
    userId: String(userId),
    userName: 'kw-reader',
    isEnabled: true,
    apiOnlyUser: true,
    twoFactorEnabled: false,
    roleIds: ['1'],
  });
  expect((await client.listUsers(token, 77)).map((user) => user.userName)).toEqual(['kw-elsewhere']);
});

test('N-central refuses a forged, expired or regenerated JWT, a disabled user and a user with 2FA', async () => {
  fake.createUser({ userName: 'kw-refusals' });
  const first = fake.generateJwt('kw-refusals');
  const session = await client.authenticate(new SecretText(first));

  const forged = await vendorFailure(client.authenticate(new SecretText(forge(first, { exp: 4_102_444_800 }))));
  expect(forged).toMatchObject({ code: 'unauthorized', details: { status: 401 } });
  expect(forged.message).not.toContain(first);

  const current = fake.generateJwt('kw-refusals');
  expect((await vendorFailure(client.authenticate(new SecretText(first)))).code).toBe('unauthorized');
  expect((await vendorFailure(client.me(session))).code).toBe('unauthorized');
  const live = await client.authenticate(new SecretText(current));
  expect(await client.me(live)).toMatchObject({ userName: 'kw-refusals' });

  fake.setTwoFactor('kw-refusals', true);
  const twoFactor = await vendorFailure(client.authenticate(new SecretText(current)));
  expect(twoFactor).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Two-factor') });
  fake.setTwoFactor('kw-refusals', false);
  await expect(client.authenticate(new SecretText(current))).resolves.toBeDefined();

  fake.disableUser('kw-refusals');
  const disabled = await vendorFailure(client.authenticate(new SecretText(current)));
  expect(disabled).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('disabled') });
  expect((await vendorFailure(client.me(live))).code).toBe('unauthorized');

  fake.createUser({ userName: 'kw-expired' });
  const expired = fake.generateJwt('kw-expired', { expiresInMs: -60_000 });
  expect(await vendorFailure(client.authenticate(new SecretText(expired)))).toMatchObject({
    code: 'unauthorized',
    message: expect.stringContaining('expired'),
  });
});

test('a read-only user may not list users, and an unknown org unit is not found', async () => {
  fake.createUser({ userName: 'kw-readonly' });
  const readOnly = await client.authenticate(new SecretText(fake.generateJwt('kw-readonly')));
  expect((await vendorFailure(client.listUsers(readOnly, fake.orgUnitId))).code).toBe('forbidden');

  const token = await client.authenticate(verifierJwt);
  const missing = await vendorFailure(client.listUsers(token, 999_999));
  expect(missing).toMatchObject({ code: 'not_found', message: expect.stringContaining('Org unit 999999 not found') });
  expect(toActivityFailure(missing)).toMatchObject({ type: 'Vendor.not_found', nonRetryable: true });
});

test('user lists beyond the concurrency limit get 429 and the first backoff N-central recommends', async () => {
  const route = N_CENTRAL_ROUTES.users;
  fake.setConcurrencyLimit(route, 2);
  const token = await client.authenticate(verifierJwt);
  const resume = fake.pause(route);
  try {
    const outcomes = Array.from({ length: 5 }, () =>
      client.listUsers(token, fake.orgUnitId).then(
        () => 'listed',
        (error: unknown) => error,
      ),
    );
    const settled: unknown[] = [];
    outcomes.forEach((outcome) => void outcome.then((value) => settled.push(value)));
    await eventually(() => settled.length === 3 && fake.inFlight(route) === 2, 'three lists refused, two in flight');
    resume();
    const results = await Promise.all(outcomes);
    expect(results.filter((result) => result === 'listed')).toHaveLength(2);
    const limited = results.filter((result) => result !== 'listed');
    expect(limited).toHaveLength(3);
    for (const error of limited) {
      expect(error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringContaining('Too many concurrent requests'),
        details: { status: 429, retryAfterMs: RATE_LIMIT_BACKOFF_MS },
      });
      expect(toActivityFailure(error)).toMatchObject({
        type: 'Vendor.rate_limited',
        nextRetryDelay: RATE_LIMIT_BACKOFF_MS,
        nonRetryable: false,
      });
    }
  } finally {
    resume();
    fake.setConcurrencyLimit(route, 3);
  }
});

test('a Retry-After header, when N-central sends one, sets the retry delay', async () => {
  const token = await client.authenticate(verifierJwt);
  fake.http.inject({
    path: '/api/users/me',
    respond: { status: 429, body: { status: 429, message: 'slow down' }, headers: { 'retry-after': '7' } },
  });
  const limited = await vendorFailure(client.me(token));
  expect(limited).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 7000 } });
  expect(toActivityFailure(limited)).toMatchObject({ nextRetryDelay: 7000, nonRetryable: false });
});

test('5xx and a hung server are retryable outages', async () => {
  const token = await client.authenticate(verifierJwt);
  fake.http.inject({
    path: '/api/org-units/',
    respond: { status: 503, body: { status: 503, message: 'maintenance' } },
  });
  const down = await vendorFailure(client.listUsers(token, fake.orgUnitId));
  expect(down).toMatchObject({ code: 'unavailable', message: expect.stringContaining('maintenance') });
  expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });

  const hurried = new NCentralClient(baseUrl, undefined, 300);
  fake.http.inject({ path: '/api/auth/authenticate', hang: true });
  expect((await vendorFailure(hurried.authenticate(verifierJwt))).code).toBe('unavailable');
});
