/**
 * Contract: the Gotransverse client against the fake, over real HTTP: every API set, every documented answer, and
 * the variants the sources leave open (a reworded or non-JSON 403, a console given as the API host, a path the
 * tenant does not serve, 429 without Retry-After).
 */
import { toActivityFailure } from '../../activities/failures';
import { VendorError } from '../../vendors/errors';
import { SecretText } from '../../secrets/secret-text';
import { API_SETS, type ApiSetSlug } from '../../vendors/gotransverse/apisets';
import { GotransverseClient } from '../../vendors/gotransverse/client';
import {
  FakeGotransverse,
  MANAGE_USER_API_KEY,
  TEST_PROBE_PATHS,
  type FakeGotransverseSettings,
  type ForbiddenStyle,
} from '../../vendors/gotransverse/fake/server';
import type { ProbeTarget } from '../../vendors/gotransverse/probes';

const target = (slug: ApiSetSlug): ProbeTarget => ({ slug, path: TEST_PROBE_PATHS[slug]! });
const BILLING = target('billing');

let userCount = 0;

/** A started fake with `settings`, a client for its API host, and a helper to make a user with one key. */
async function startFake(settings: FakeGotransverseSettings = { probePaths: TEST_PROBE_PATHS }) {
  const fake = new FakeGotransverse(settings);
  const url = await fake.start();
  const client = new GotransverseClient(`${url}/`);
  const keyFor = (apisets: readonly ApiSetSlug[]) => {
    const username = `integration-${++userCount}`;
    fake.createUser(username, { authorities: [MANAGE_USER_API_KEY] });
    return { username, key: new SecretText(fake.generateKey(username, { name: `kw-${userCount}`, apisets })) };
  };
  return { fake, url, client, keyFor };
}

async function failureOf(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

describe('the documented fake', () => {
  let env: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => (env = await startFake()));
  afterAll(() => env.fake.stop());
  afterEach(() => env.fake.http.clearFaults());

  test.each(API_SETS.map((set) => [set.name, set.slug] as const))(
    '%s: its probe path opens for a key granted it',
    async (_name, slug) => {
      const { key } = env.keyFor([slug]);
      const other = API_SETS.find((s) => s.slug !== slug)!.slug;
      const before = env.fake.http.calls.length;
      await expect(env.client.probe(key, target(slug))).resolves.toEqual({ access: 'allowed' });
      await expect(env.client.probe(key, target(other))).resolves.toEqual({
        access: 'denied',
        status: 403,
        message: 'Access Denied',
      });
      expect(env.fake.http.calls.slice(before)).toEqual([
        { method: 'GET', path: TEST_PROBE_PATHS[slug], status: 200 },
        { method: 'GET', path: TEST_PROBE_PATHS[other], status: 403 },
      ]);
    },
  );

  test('no key in the header: 401 "Authorization header not found" is a refusal', async () => {
    await expect(env.client.probe(new SecretText(''), BILLING)).resolves.toEqual({
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
    const { username, key } = env.keyFor(['billing']);
    await expect(env.client.probe(key, BILLING)).resolves.toEqual({ access: 'allowed' });
    env.fake[change](username);
    await expect(env.client.probe(key, BILLING)).resolves.toEqual({ access: 'refused', status: 401, message });
  });

  test('an unknown or deleted key: 403 "Access to this API has been disallowed" is a refusal', async () => {
    const refused = { access: 'refused', status: 403, message: 'Access to this API has been disallowed' };
    const garbage = new SecretText('0123456789abcdef0123456789abcdef');
    await expect(env.client.probe(garbage, BILLING)).resolves.toEqual(refused);
    const { key } = env.keyFor(['billing']);
    expect(env.fake.revokeKey(key.reveal())).toBe(1);
    await expect(env.client.probe(key, BILLING)).resolves.toEqual(refused);
  });

  test('a 403 JSON body without a message is unclear, never denied or refused', async () => {
    const { key } = env.keyFor(['billing']);
    env.fake.http.inject({ path: BILLING.path, respond: { status: 403, body: { error: 'nope' } } });
    await expect(env.client.probe(key, BILLING)).resolves.toEqual({
      access: 'unclear',
      status: 403,
      message: 'HTTP 403 without a readable body',
    });
  });

  test('429 without Retry-After retries on the normal backoff; with it, after the delay', async () => {
    const { key } = env.keyFor(['billing']);
    env.fake.rateLimitNext();
    const bare = await failureOf(env.client.probe(key, BILLING));
    expect(bare).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(bare.details.retryAfterMs).toBeUndefined();
    expect(toActivityFailure(bare)).toMatchObject({ type: 'Vendor.rate_limited', nonRetryable: false });

    env.fake.http.inject({ path: BILLING.path, respond: { status: 429, headers: { 'retry-after': '7' } } });
    const timed = await failureOf(env.client.probe(key, BILLING));
    expect(toActivityFailure(timed)).toMatchObject({ nextRetryDelay: 7000, nonRetryable: false });
    await expect(env.client.probe(key, BILLING)).resolves.toEqual({ access: 'allowed' });
  });

  test('5xx is a retryable outage that quotes the vendor, never the key', async () => {
    const { key } = env.keyFor(['billing']);
    // Persisting through the step's own retries (vendors/http-retry.ts).
    env.fake.http.inject({
      path: BILLING.path,
      times: 3,
      respond: { status: 503, body: { code: 'DOWN', message: 'maintenance' } },
    });
    const down = await failureOf(env.client.probe(key, BILLING));
    expect(down).toMatchObject({ code: 'unavailable', message: 'Gotransverse: maintenance (HTTP 503)' });
    expect(down.message).not.toContain(key.reveal());
    expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });
  });

  test('a hung vendor times out as unavailable', async () => {
    const { key } = env.keyFor(['billing']);
    const hurried = new GotransverseClient(env.url, undefined, 300);
    env.fake.http.inject({ path: BILLING.path, hang: true, times: 3 });
    expect((await failureOf(hurried.probe(key, BILLING))).code).toBe('unavailable');
  });

  test('without a key, a served path answers the documented 401 and any other path 404', async () => {
    await expect(env.client.probeWithoutKey(BILLING.path)).resolves.toEqual({
      kind: 'exists',
      message: 'Authorization header not found',
    });
    await expect(env.client.probeWithoutKey('/billing/2/no-such-thing')).resolves.toEqual({ kind: 'missing' });
  });
});

/** Every 403 style the fake can write, and what the client must make of a deleted key and of a missing set. */
const forbiddenVariants: Array<[ForbiddenStyle, string, string]> = [
  ['documented', 'refused', 'denied'],
  ['reworded', 'unclear', 'unclear'],
  ['plain-text', 'unclear', 'unclear'],
  ['html', 'unclear', 'unclear'],
];

describe.each(forbiddenVariants)('403 written %s', (forbidden, deletedKey, missingSet) => {
  let env: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => (env = await startFake({ probePaths: TEST_PROBE_PATHS, forbidden })));
  afterAll(() => env.fake.stop());

  test(`a deleted key is ${deletedKey} and a set the key lacks is ${missingSet}; neither reads as a grant`, async () => {
    const { key } = env.keyFor(['billing']);
    await expect(env.client.probe(key, target('currex'))).resolves.toMatchObject({ access: missingSet, status: 403 });
    env.fake.revokeKey(key.reveal());
    const dead = await env.client.probe(key, BILLING);
    expect(dead).toMatchObject({ access: deletedKey, status: 403 });
    if (dead.access !== 'allowed') expect(dead.message).not.toMatch(/<html|<body/);
  });
});

describe.each([
  ['a console given as the API host', 'console', /web page or a redirect.*api_base_url looks like the console/],
  [
    'a microservice the tenant lacks',
    'not enabled',
    /does not exist \(HTTP 404\).*set probe_paths\.currex .*allowed_apisets/,
  ],
  ['a probe path the fake does not serve', 'unserved', /does not exist \(HTTP 404\).*set probe_paths\.currex/],
] as const)('%s', (_label, variant, expected) => {
  let env: Awaited<ReturnType<typeof startFake>>;
  let client: GotransverseClient;
  beforeAll(async () => {
    const probePaths = variant === 'unserved' ? { billing: BILLING.path } : TEST_PROBE_PATHS;
    env = await startFake({ probePaths, notEnabled: variant === 'not enabled' ? ['currex'] : [] });
    client = variant === 'console' ? new GotransverseClient(await env.fake.startConsole()) : env.client;
  });
  afterAll(() => env.fake.stop());

  test('is a configuration error for an admin (needs_admin, final), never an answer about the key', async () => {
    const { key } = env.keyFor(['currex']);
    const error = await failureOf(client.probe(key, target('currex')));
    expect(error.code).toBe('needs_admin');
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain(key.reveal());
    expect(toActivityFailure(error)).toMatchObject({ type: 'Vendor.needs_admin', nonRetryable: true });
  });
});

describe('the fake plays the Gotransverse UI faithfully', () => {
  let env: Awaited<ReturnType<typeof startFake>>;
  beforeAll(async () => (env = await startFake()));
  afterAll(() => env.fake.stop());

  test('only a user with the Manage User API Key authority, able to sign in, can generate a key', () => {
    const { fake } = env;
    fake.createUser('plain');
    expect(() => fake.generateKey('plain', { name: 'x', apisets: ['billing'] })).toThrow(MANAGE_USER_API_KEY);
    fake.createUser('locked-admin', { authorities: [MANAGE_USER_API_KEY] });
    fake.lockUser('locked-admin');
    expect(() => fake.generateKey('locked-admin', { name: 'x', apisets: ['billing'] })).toThrow('locked');
    expect(() => fake.generateKey('nobody', { name: 'x', apisets: ['billing'] })).toThrow('no user nobody');
  });

  test('lists keys without secrets, and remembers every secret it issued', () => {
    const { username, key } = env.keyFor(['currex', 'billing']);
    const { fake } = env;
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
