/** Contract: the Gotransverse client against the fake, over real HTTP: every API set and every documented answer. */
import { toActivityFailure } from '../../activities/failures';
import { VendorError } from '../../vendors/errors';
import { SecretText } from '../../vendors/secret-text';
import { API_SETS, type ApiSetSlug } from '../../vendors/gotransverse/apisets';
import { GotransverseClient } from '../../vendors/gotransverse/client';
import { FakeGotransverse, MANAGE_USER_API_KEY } from '../../vendors/gotransverse/fake/server';

let fake: FakeGotransverse;
let url: string;
let client: GotransverseClient;
let userCount = 0;

beforeAll(async () => {
  fake = new FakeGotransverse();
  url = await fake.start();
  client = new GotransverseClient(`${url}/`);
});
afterAll(() => fake.stop());
afterEach(() => fake.http.clearFaults());

/** A fresh integration user with one key, so account-state tests do not affect each other. */
function keyFor(apisets: readonly ApiSetSlug[]): { username: string; key: SecretText } {
  const username = `integration-${++userCount}`;
  fake.createUser(username, { authorities: [MANAGE_USER_API_KEY] });
  return { username, key: new SecretText(fake.generateKey(username, { name: `kw-${userCount}`, apisets })) };
}

async function failureOf(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

test.each(API_SETS.map((set) => [set.name, set] as const))(
  '%s: its read endpoint opens for a key granted it',
  async (_name, set) => {
    const { key } = keyFor([set.slug]);
    const other = API_SETS.find((s) => s.slug !== set.slug)!;
    const before = fake.http.calls.length;

    await expect(client.probe(key, set.slug)).resolves.toEqual({ access: 'allowed' });
    await expect(client.probe(key, other.slug)).resolves.toEqual({
      access: 'denied',
      status: 403,
      message: 'Access Denied',
    });
    expect(fake.http.calls.slice(before)).toEqual([
      { method: 'GET', path: set.probePath, status: 200 },
      { method: 'GET', path: other.probePath, status: 403 },
    ]);
  },
);

describe('each documented refusal is told apart', () => {
  test('no key in the header: 401 "Authorization header not found"', async () => {
    await expect(client.probe(new SecretText(''), 'billing')).resolves.toEqual({
      access: 'refused',
      status: 401,
      message: 'Authorization header not found',
    });
  });

  test.each([
    ['disableUser', 'User is Disabled'],
    ['expireUser', 'User account has expired'],
    ['lockUser', 'User account is locked'],
  ] as const)("the owner's account (%s): 401 %s", async (change, message) => {
    const { username, key } = keyFor(['billing']);
    await expect(client.probe(key, 'billing')).resolves.toEqual({ access: 'allowed' });
    fake[change](username);
    await expect(client.probe(key, 'billing')).resolves.toEqual({ access: 'refused', status: 401, message });
  });

  test('a key without the set: 403 "Access Denied" is a denial, not a refusal', async () => {
    const { key } = keyFor(['dunning']);
    await expect(client.probe(key, 'revenue-management')).resolves.toEqual({
      access: 'denied',
      status: 403,
      message: 'Access Denied',
    });
  });

  test('an unknown or deleted key: 403 "Access to this API has been disallowed"', async () => {
    const refused = { access: 'refused', status: 403, message: 'Access to this API has been disallowed' };
    await expect(client.probe(new SecretText('0123456789abcdef0123456789abcdef'), 'billing')).resolves.toEqual(refused);

    const { key } = keyFor(['billing']);
    expect(fake.revokeKey(key.reveal())).toBe(1);
    await expect(client.probe(key, 'billing')).resolves.toEqual(refused);
  });

  test('an unreadable 403 counts as denied, so a key is never declared dead on a guess', async () => {
    const { key } = keyFor(['billing']);
    fake.http.inject({ path: '/billing/2/', respond: { status: 403, body: { error: 'nope' } } });
    await expect(client.probe(key, 'billing')).resolves.toEqual({ access: 'denied', status: 403, message: 'HTTP 403' });
  });

  test('a plain-text refusal is read as the message', async () => {
    const { key } = keyFor(['billing']);
    fake.http.inject({ path: '/billing/2/', respond: { status: 401, body: 'User is Disabled' } });
    await expect(client.probe(key, 'billing')).resolves.toEqual({
      access: 'refused',
      status: 401,
      message: 'User is Disabled',
    });
  });
});

describe('other failures are coded for Temporal', () => {
  test('429 carries Retry-After into the retry delay', async () => {
    const { key } = keyFor(['billing']);
    fake.http.inject({
      path: '/billing/2/',
      respond: { status: 429, body: { code: 'TOO_MANY', message: 'slow down' }, headers: { 'retry-after': '7' } },
    });
    const limited = await failureOf(client.probe(key, 'billing'));
    expect(limited).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 7000 } });
    expect(toActivityFailure(limited)).toMatchObject({
      type: 'Vendor.rate_limited',
      nextRetryDelay: 7000,
      nonRetryable: false,
    });
  });

  test('5xx is a retryable outage that quotes the vendor, never the key', async () => {
    const { key } = keyFor(['billing']);
    fake.http.inject({ path: '/billing/2/', respond: { status: 503, body: { code: 'DOWN', message: 'maintenance' } } });
    const down = await failureOf(client.probe(key, 'billing'));
    expect(down).toMatchObject({ code: 'unavailable', message: 'Gotransverse: maintenance (HTTP 503)' });
    expect(down.message).not.toContain(key.reveal());
    expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });
  });

  test('a missing probe endpoint is not_found and final, so a wrong endpoint assumption shows at once', async () => {
    const { key } = keyFor(['billing']);
    fake.http.inject({
      path: '/billing/2/',
      respond: { status: 404, body: { code: 'NOT_FOUND', message: 'Entity not found.' } },
    });
    const missing = await failureOf(client.probe(key, 'billing'));
    expect(missing.code).toBe('not_found');
    expect(toActivityFailure(missing)).toMatchObject({ type: 'Vendor.not_found', nonRetryable: true });
  });

  test('a hung vendor times out as unavailable', async () => {
    const { key } = keyFor(['billing']);
    const hurried = new GotransverseClient(url, undefined, 300);
    fake.http.inject({ path: '/billing/2/', hang: true });
    expect((await failureOf(hurried.probe(key, 'billing'))).code).toBe('unavailable');
  });
});

describe('the fake plays the Gotransverse UI faithfully', () => {
  test('only a user with the Manage User API Key authority, able to sign in, can generate a key', () => {
    fake.createUser('plain');
    expect(() => fake.generateKey('plain', { name: 'x', apisets: ['billing'] })).toThrow(MANAGE_USER_API_KEY);
    fake.createUser('locked-admin', { authorities: [MANAGE_USER_API_KEY] });
    fake.lockUser('locked-admin');
    expect(() => fake.generateKey('locked-admin', { name: 'x', apisets: ['billing'] })).toThrow('locked');
    expect(() => fake.generateKey('nobody', { name: 'x', apisets: ['billing'] })).toThrow('no user nobody');
  });

  test('lists keys without secrets, and remembers every secret it issued', () => {
    const { username, key } = keyFor(['currex', 'billing']);
    expect(fake.keys()).toContainEqual({
      name: `kw-${userCount}`,
      description: '',
      owner: username,
      apisets: ['billing', 'currex'],
    });
    expect(JSON.stringify(fake.keys())).not.toContain(key.reveal());
    fake.revokeKey(`kw-${userCount}`);
    expect(fake.keys().map((k) => k.owner)).not.toContain(username);
    expect(fake.secrets()).toContain(key.reveal());
    expect(() => fake.revokeKey(`kw-${userCount}`)).toThrow('no live key');
  });
});
