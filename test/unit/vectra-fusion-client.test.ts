/**
 * Contract: the Vectra Fusion client against the fake, over real HTTP, in every variant the vendor's public
 * material leaves open (VENDOR-EVIDENCE §3.3): every endpoint it uses and every documented refusal.
 */
import { request } from 'undici';
import { toActivityFailure } from '../../activities/failures';
import { VendorError } from '../../vendors/errors';
import { apiRoot, isRefusal, VectraFusionClient } from '../../vendors/vectra-fusion/client';
import {
  FakeVectraFusion,
  LENIENT_BEHAVIOUR,
  STRICT_BEHAVIOUR,
  type VectraBehaviour,
} from '../../vendors/vectra-fusion/fake/server';
import { signNetoJwt } from '../../vendors/vectra-fusion/jwt';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

async function failureOf(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

const CODE_FOR: Record<number, string> = {
  400: 'invalid_request',
  404: 'not_found',
  409: 'conflict',
  500: 'unavailable',
};

test('apiRoot accepts an origin or the full API root', () => {
  expect(apiRoot('https://fusion.example/')).toBe('https://fusion.example/api/v1');
  expect(apiRoot('https://fusion.example/api/v1')).toBe('https://fusion.example/api/v1');
  expect(apiRoot('https://fusion.example/api/v1/')).toBe('https://fusion.example/api/v1');
});

const VARIANTS: Array<[string, VectraBehaviour]> = [
  ['strict (400s, tokens outlive keys)', STRICT_BEHAVIOUR],
  ['lenient (404/409, tokens die with keys)', LENIENT_BEHAVIOUR],
  [
    'token refusal 404, unknown appname 500',
    { ...STRICT_BEHAVIOUR, tokenRefusalStatus: 404, unknownAppnameStatus: 500 },
  ],
];

describe.each(VARIANTS)('against the %s fake', (_name, behaviour) => {
  let fake: FakeVectraFusion;
  let client: VectraFusionClient;
  let admin: ReturnType<typeof decodeNetosecret>;

  beforeAll(async () => {
    fake = new FakeVectraFusion(behaviour);
    const url = await fake.start();
    client = new VectraFusionClient(url);
    admin = decodeNetosecret(fake.issueNetosecret('admin-app', 'admin'));
  });
  afterAll(() => fake.stop());
  afterEach(() => fake.http.clearFaults());

  test('token exchange, create, find in the list, regenerate with the full body, delete', async () => {
    const token = await client.exchangeToken(admin);
    const appkey = await client.createKey(token, { appname: 'kw-contract', role: 'readonly', description: 'contract' });
    expect(JSON.stringify({ appkey })).toBe('{"appkey":"[redacted]"}');
    expect(await client.findKey(token, 'kw-contract')).toMatchObject({ appname: 'kw-contract', roles: ['readonly'] });
    expect(await client.findKey(token, 'kw-missing')).toBeUndefined();

    const minted = { ...admin, appname: 'kw-contract', appkey: appkey.reveal() };
    await expect(client.exchangeToken(minted)).resolves.toBeDefined();
    const regenerated = await client.regenerateKey(token, {
      appname: 'kw-contract',
      description: 'contract',
      roles: ['readonly'],
    });
    const old = await failureOf(client.exchangeToken(minted));
    expect(isRefusal(old)).toBe(true);
    expect(old.details.status).toBe(behaviour.tokenRefusalStatus);
    await expect(client.exchangeToken({ ...minted, appkey: regenerated.reveal() })).resolves.toBeDefined();
    expect(fake.listKeys().find((k) => k.appname === 'kw-contract')).toMatchObject({ description: 'contract' });

    await client.deleteKey(token, 'kw-contract');
    expect(await client.findKey(token, 'kw-contract')).toBeUndefined();
    const again = await failureOf(client.deleteKey(token, 'kw-contract'));
    expect(again.code).toBe(CODE_FOR[behaviour.unknownAppnameStatus]);
    expect(isRefusal(await failureOf(client.exchangeToken({ ...minted, appkey: regenerated.reveal() })))).toBe(true);
  });

  test('a duplicate appname is refused with the variant status; a bad role is invalid_request', async () => {
    const token = await client.exchangeToken(admin);
    await client.createKey(token, { appname: 'kw-unique', role: 'readonly', description: '' });
    const duplicate = await failureOf(
      client.createKey(token, { appname: 'kw-unique', role: 'readonly', description: '' }),
    );
    expect(duplicate.code).toBe(CODE_FOR[behaviour.duplicateStatus]);
    const badRole = await failureOf(
      client.createKey(token, { appname: 'kw-bad-role', role: 'superuser', description: '' }),
    );
    expect(badRole.code).toBe('invalid_request');
    expect(isRefusal(await failureOf(client.exchangeToken({ ...admin, sharedsecret: 'forged' })))).toBe(true);
  });

  test('a read-only key may not list keys (403); roles are listed', async () => {
    const reader = await client.exchangeToken(
      decodeNetosecret(fake.issueNetosecret(`reader-${_name.length}`, 'readonly')),
    );
    expect((await failureOf(client.listKeys(reader))).code).toBe('forbidden');
    expect(await client.listRoles(await client.exchangeToken(admin))).toEqual(['admin', 'readonly']);
  });

  test('tokens minted before a deletion live on only when the variant says so', async () => {
    const token = await client.exchangeToken(admin);
    const appkey = await client.createKey(token, { appname: 'kw-lingering', role: 'admin', description: '' });
    const lingering = await client.exchangeToken({ ...admin, appname: 'kw-lingering', appkey: appkey.reveal() });
    await client.deleteKey(token, 'kw-lingering');
    const listing = client.listKeys(lingering);
    if (behaviour.tokensSurviveDeletion) await expect(listing).resolves.toBeDefined();
    else expect((await failureOf(listing)).code).toBe('unauthorized');
  });

  test('the API root answers 401 without a token; a wrong path answers 404', async () => {
    expect(await client.probeRoot()).toBe(401);
    const wrong = new VectraFusionClient(`${admin.url.replace(/\/api\/v1$/, '')}/fusion/api/v1`);
    expect((await failureOf(wrong.probeRoot())).code).toBe('not_found');
  });
});

describe('fake rules the client must respect', () => {
  let fake: FakeVectraFusion;
  let client: VectraFusionClient;
  let admin: ReturnType<typeof decodeNetosecret>;
  beforeAll(async () => {
    fake = new FakeVectraFusion();
    client = new VectraFusionClient(await fake.start());
    admin = decodeNetosecret(fake.issueNetosecret('admin-app', 'admin'));
  });
  afterAll(() => fake.stop());

  test('regen without a body is refused (the spec marks it required)', async () => {
    const token = await client.exchangeToken(admin);
    await client.createKey(token, { appname: 'kw-regen', role: 'readonly', description: '' });
    const res = await request(`${admin.url}/api-keys/kw-regen/regen`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token.token.reveal()}` },
    });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });

  test('the token answer is Keycloak-shaped (extra fields parse) and last_login is a unix number', async () => {
    const jwt = signNetoJwt(
      { appname: admin.appname, appkey: admin.appkey, shortname: admin.shortname },
      admin.sharedsecret,
    );
    const res = await request(`${admin.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jwt }),
    });
    expect(Object.keys((await res.body.json()) as object).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'id_token',
        'not-before-policy',
        'refresh_expires_in',
        'refresh_token',
        'scope',
        'session-state',
        'token_type',
      ].sort(),
    );
    await expect(client.exchangeToken(admin)).resolves.toMatchObject({ expiresAt: expect.any(Number) });
    expect(typeof fake.listKeys().find((k) => k.appname === 'admin-app')?.last_login).toBe('number');
  });

  test('regenerating the shared secret breaks every netosecret, the admin one included', async () => {
    const other = new FakeVectraFusion();
    const otherClient = new VectraFusionClient(await other.start());
    const otherAdmin = decodeNetosecret(other.issueNetosecret('admin-app', 'admin'));
    await expect(otherClient.exchangeToken(otherAdmin)).resolves.toBeDefined();
    other.regenerateSharedSecret();
    expect(isRefusal(await failureOf(otherClient.exchangeToken(otherAdmin)))).toBe(true);
    await other.stop();
  });

  test('429 without Retry-After retries after the default delay; 5xx and hangs are retryable outages', async () => {
    const token = await client.exchangeToken(admin);
    fake.throttle();
    const limited = await failureOf(client.listKeys(token));
    expect(limited).toMatchObject({ code: 'rate_limited', details: { status: 429 } });
    expect(limited.details.retryAfterMs).toBeUndefined();
    expect(toActivityFailure(limited)).toMatchObject({ type: 'Vendor.rate_limited', nonRetryable: false });

    // Persisting through the step's own retries (vendors/http-retry.ts).
    fake.http.inject({
      path: '/api/v1/api-keys',
      times: 3,
      respond: { status: 503, body: { status: 503, name: 'Unavailable', message: 'maintenance' } },
    });
    const down = await failureOf(client.listKeys(token));
    expect(down).toMatchObject({ code: 'unavailable', message: expect.stringContaining('maintenance') });
    expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });

    const hurried = new VectraFusionClient(admin.url, undefined, 300);
    fake.http.inject({ path: '/api/v1/auth/token', hang: true, times: 3 });
    expect((await failureOf(hurried.exchangeToken(admin))).code).toBe('unavailable');
  });
});
