/**
 * Contract: the N-central client against the fake in each variant the evidence leaves open (VENDOR-EVIDENCE
 * §2.3): the refusal status, the shape of `/users/me`, errors inside a 200, unmanaged user flags, a time-window
 * rate limit, an expired password and a revocation that takes a while to apply.
 */
import { toActivityFailure } from '../../activities/failures';
import { NCentralClient, RATE_LIMIT_BACKOFF_MS } from '../../vendors/n-central/client';
import { FakeNCentral, N_CENTRAL_ROUTES, type MeShape } from '../../vendors/n-central/fake/server';
import { signIn } from '../../vendors/n-central/sign-in';
import { SecretText } from '../../secrets/secret-text';
import { vendorFailure } from '../support/vendor-errors';

const QUICK = { attempts: 2, pauseMs: 10 };
let fake: FakeNCentral;
let client: NCentralClient;
let verifier: SecretText;

beforeAll(async () => {
  fake = new FakeNCentral();
  client = new NCentralClient(await fake.start());
  fake.createUser({ userName: 'kw-verifier', canListUsers: true });
  verifier = new SecretText(fake.generateJwt('kw-verifier'));
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.http.clearFaults();
  Object.assign(fake.settings, { refusalStatus: 401, revocationDelayMs: 0, me: 'data', jwtUserClaims: true });
});

let serial = 0;
/** A fresh user and its JWT. */
function newUser(options: { unmanagedFlags?: boolean } = {}): { userName: string; userId: string; jwt: SecretText } {
  const userName = `kw-variant-${++serial}`;
  const { userId } = fake.createUser({ userName, ...options });
  return { userName, userId: String(userId), jwt: new SecretText(fake.generateJwt(userName)) };
}

describe.each([400, 401, 403] as const)('N-central refuses with HTTP %i', (status) => {
  beforeEach(() => (fake.settings.refusalStatus = status));

  test('a superseded JWT and a disabled user are refusals, never outages', async () => {
    const { userName, jwt } = newUser();
    fake.generateJwt(userName);
    const error = await vendorFailure(client.authenticate(jwt));
    expect(error.details.status).toBe(status);
    expect(await signIn(client, jwt, QUICK)).toEqual({ refused: expect.stringContaining('Invalid token') });

    const other = newUser();
    fake.disableUser(other.userName);
    expect(await signIn(client, other.jwt, QUICK)).toEqual({ refused: expect.stringContaining('disabled') });
  });
});

const meShapes: Array<[MeShape, boolean]> = [
  ['data', true],
  ['bare', true],
  ['username', true],
  ['email', false],
];

test.each(meShapes)('/users/me shaped as %s names the caller', async (shape, namesLogin) => {
  fake.settings.me = shape;
  const { userName, userId, jwt } = newUser();
  const me = await client.me(await client.authenticate(jwt));
  expect(me.userId).toBe(userId);
  expect(me.userName === userName).toBe(namesLogin);
});

test.each([
  ['absent', 'not_found'],
  ['unreadable', 'unexpected_response'],
] as const)('/users/me %s fails as %s, non-retryable', async (shape, code) => {
  fake.settings.me = shape;
  const error = await vendorFailure(client.me(await client.authenticate(newUser().jwt)));
  expect(error.code).toBe(code);
  expect(toActivityFailure(error)).toMatchObject({ nonRetryable: true });
});

test.each([N_CENTRAL_ROUTES.authenticate, N_CENTRAL_ROUTES.users])(
  'an error inside a 200 from %s is read as an error with its message, never as success',
  async (route) => {
    const token = await client.authenticate(verifier);
    fake.errorInside200(route, 'Access denied for this operation');
    const call =
      route === N_CENTRAL_ROUTES.users ? client.listUsers(token, fake.orgUnitId) : client.authenticate(verifier);
    const error = await vendorFailure(call);
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('Access denied for this operation'),
    });
    expect(error.message).toContain('inside an HTTP 200 answer');
    expect(await signIn(client, verifier, QUICK)).toHaveProperty('token');
  },
);

test('users whose flags N-central leaves empty do not break the list', async () => {
  const sso = newUser({ unmanagedFlags: true });
  const users = await client.listUsers(await client.authenticate(verifier), fake.orgUnitId);
  expect(users.find((user) => user.userName === sso.userName)).toMatchObject({
    isEnabled: null,
    apiOnlyUser: null,
    twoFactorEnabled: null,
  });
  expect(users.find((user) => user.userName === 'kw-verifier')).toMatchObject({ isEnabled: true });
});

test('a time-window rate limit answers 429 without Retry-After, and the client asks for the documented 2 s', async () => {
  const token = await client.authenticate(verifier);
  fake.setRateWindow(N_CENTRAL_ROUTES.users, { calls: 2, perMs: 60_000 });
  try {
    await client.listUsers(token, fake.orgUnitId);
    await client.listUsers(token, fake.orgUnitId);
    const limited = await vendorFailure(client.listUsers(token, fake.orgUnitId));
    expect(limited).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('Rate limit exceeded'),
      details: { status: 429, retryAfterMs: RATE_LIMIT_BACKOFF_MS },
    });
  } finally {
    fake.setRateWindow(N_CENTRAL_ROUTES.users, undefined);
  }
});

test('an expired password answers 500 to every call, sign-in included, after the quick retries', async () => {
  const { userName, jwt } = newUser();
  const token = await client.authenticate(jwt);
  fake.expirePassword(userName);
  expect(await vendorFailure(client.me(token))).toMatchObject({ code: 'unavailable', details: { status: 500 } });
  const before = fake.http.calls.length;
  expect(await signIn(client, jwt, { attempts: 3, pauseMs: 10 })).toEqual({
    persistent500: expect.stringContaining('HTTP 500'),
  });
  expect(fake.http.calls.slice(before).filter((call) => call.status === 500)).toHaveLength(3);
  fake.expirePassword(userName, false);
  expect(await signIn(client, jwt, QUICK)).toHaveProperty('token');
});

test('a passing 500 is retried inside the sign-in, not mistaken for an expired password', async () => {
  const { jwt } = newUser();
  fake.http.inject({ path: N_CENTRAL_ROUTES.authenticate, respond: { status: 500, body: { status: 500 } } });
  expect(await signIn(client, jwt, QUICK)).toHaveProperty('token');
});

test('with a revocation delay, the old JWT and its sessions work on until the delay has passed', async () => {
  fake.settings.revocationDelayMs = 400;
  const { userName, jwt } = newUser();
  const token = await client.authenticate(jwt);
  fake.disableUser(userName);
  expect(await signIn(client, jwt, QUICK)).toHaveProperty('token');
  expect(await client.me(token)).toMatchObject({ userName });
  await new Promise((resolve) => setTimeout(resolve, 450));
  expect(await signIn(client, jwt, QUICK)).toEqual({ refused: expect.stringContaining('disabled') });
  expect((await vendorFailure(client.me(token))).code).toBe('unauthorized');
});

test('JWTs need name no user: the fake finds their user by jti, so checks cannot lean on claims', async () => {
  fake.settings.jwtUserClaims = false;
  const { userName, jwt } = newUser();
  const claims = JSON.parse(Buffer.from(jwt.reveal().split('.')[1] ?? '', 'base64url').toString('utf8')) as object;
  expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'jti']);
  expect(await client.me(await client.authenticate(jwt))).toMatchObject({ userName });
});
