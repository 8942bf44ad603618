/** Contract: the Vectra Fusion client against the fake, over real HTTP, every endpoint and error it uses. */
import { toActivityFailure } from '../../activities/failures';
import { VendorError } from '../../vendors/errors';
import { apiRoot, VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { FakeVectraFusion } from '../../vendors/vectra-fusion/fake/server';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

let fake: FakeVectraFusion;
let client: VectraFusionClient;
let admin: ReturnType<typeof decodeNetosecret>;

beforeAll(async () => {
  fake = new FakeVectraFusion();
  const url = await fake.start();
  client = new VectraFusionClient(url);
  admin = decodeNetosecret(fake.issueNetosecret('admin-app', 'admin'));
});
afterAll(() => fake.stop());
afterEach(() => fake.http.clearFaults());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error.code;
}

test('apiRoot accepts an origin or the full API root', () => {
  expect(apiRoot('https://fusion.example/')).toBe('https://fusion.example/api/v1');
  expect(apiRoot('https://fusion.example/api/v1')).toBe('https://fusion.example/api/v1');
});

test('token exchange, create, get, list, regenerate and delete', async () => {
  const token = await client.exchangeToken(admin);
  const appkey = await client.createKey(token, {
    appname: 'kw-contract',
    role: 'readonly',
    description: 'contract test',
  });
  expect(JSON.stringify({ appkey })).toBe('{"appkey":"[redacted]"}');
  expect(await client.getKey(token, 'kw-contract')).toMatchObject({ appname: 'kw-contract', roles: ['readonly'] });
  expect((await client.listKeys(token)).map((k) => k.appname)).toContain('kw-contract');

  const minted = { ...admin, appname: 'kw-contract', appkey: appkey.reveal() };
  await expect(client.exchangeToken(minted)).resolves.toBeDefined();
  const regenerated = await client.regenerateKey(token, 'kw-contract');
  expect(await codeOf(client.exchangeToken(minted))).toBe('unauthorized');
  await expect(client.exchangeToken({ ...minted, appkey: regenerated.reveal() })).resolves.toBeDefined();

  expect(await client.deleteKey(token, 'kw-contract')).toBe('deleted');
  expect(await client.deleteKey(token, 'kw-contract')).toBe('absent');
  expect(await client.getKey(token, 'kw-contract')).toBeUndefined();
  expect(await codeOf(client.exchangeToken({ ...minted, appkey: regenerated.reveal() }))).toBe('unauthorized');
});

test('vendor rules come back as coded errors', async () => {
  const token = await client.exchangeToken(admin);
  await client.createKey(token, { appname: 'kw-unique', role: 'readonly', description: '' });
  expect(await codeOf(client.createKey(token, { appname: 'kw-unique', role: 'readonly', description: '' }))).toBe(
    'conflict',
  );
  expect(await codeOf(client.createKey(token, { appname: 'kw-bad-role', role: 'superuser', description: '' }))).toBe(
    'invalid_request',
  );
  expect(await codeOf(client.exchangeToken({ ...admin, sharedsecret: 'forged' }))).toBe('unauthorized');

  const readonlyKey = decodeNetosecret(fake.issueNetosecret('reader', 'readonly'));
  const readerToken = await client.exchangeToken(readonlyKey);
  expect(await codeOf(client.listKeys(readerToken))).toBe('forbidden');
});

test('429 carries Retry-After into the retry delay; 5xx and hangs are retryable outages', async () => {
  const token = await client.exchangeToken(admin);
  fake.http.inject({
    path: '/api/v1/api-keys',
    respond: {
      status: 429,
      body: { status: 429, name: 'TooManyRequests', message: 'slow down' },
      headers: { 'retry-after': '7' },
    },
  });
  const limited = await client.listKeys(token).catch((e: unknown) => e as VendorError);
  expect(limited).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 7000 } });
  expect(toActivityFailure(limited)).toMatchObject({
    type: 'Vendor.rate_limited',
    nextRetryDelay: 7000,
    nonRetryable: false,
  });

  fake.http.inject({
    path: '/api/v1/api-keys',
    respond: { status: 503, body: { status: 503, name: 'Unavailable', message: 'maintenance' } },
  });
  const down = await client.listKeys(token).catch((e: unknown) => e as VendorError);
  expect(down).toMatchObject({ code: 'unavailable', message: expect.stringContaining('maintenance') });
  expect(toActivityFailure(down)).toMatchObject({ type: 'Vendor.unavailable', nonRetryable: false });

  const conflict = new VendorError('conflict', 'taken', { vendor: 'Vectra Fusion', status: 409 });
  expect(toActivityFailure(conflict)).toMatchObject({ type: 'Vendor.conflict', nonRetryable: true });
});

test('a hung vendor times out as unavailable', async () => {
  const hurried = new VectraFusionClient(admin.url, undefined, 300);
  fake.http.inject({ path: '/api/v1/auth/token', hang: true });
  expect(await codeOf(hurried.exchangeToken(admin))).toBe('unavailable');
});
