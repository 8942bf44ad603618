/**
 * The N-central checks in each variant of the real vendor: whose token it is when `/users/me` or the JWT's claims
 * say little, any refusal status, an expired password (the pasted user's, a revoked token's, the verifier's),
 * users with empty flags and errors inside a 200.
 */
import { toActivityFailure } from '../../activities/failures';
import { createNCentralAdapter } from '../../vendors/n-central/adapter';
import { nCentralFileSchema, resolveNCentral } from '../../vendors/n-central/config';
import { FakeNCentral, N_CENTRAL_ROUTES, type MeShape } from '../../vendors/n-central/fake/server';
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter, VerifyOutcome } from '../../vendors/types';

const QUICK = { attempts: 2, pauseMs: 10 };
let fake: FakeNCentral;
let baseUrl: string;
let adapter: VendorAdapter;
let serial = 0;

/** An adapter whose verifier is a fresh user (so breaking it breaks no other test). */
function adapterWithVerifier(userName: string): VendorAdapter {
  fake.createUser({ userName, canListUsers: true });
  const jwt = fake.generateJwt(userName);
  const entry = nCentralFileSchema.parse({
    type: 'n-central',
    base_url: baseUrl,
    org_unit_id: fake.orgUnitId,
    verifier_jwt_env: 'NCENTRAL_VERIFIER_JWT',
    human_steps: { operator: { users: ['U0OPERATOR'] } },
  });
  const connection = resolveNCentral(entry, () => jwt);
  if (Array.isArray(connection)) throw new Error(connection.join('; '));
  return createNCentralAdapter('ncentral', connection, undefined, QUICK);
}

beforeAll(async () => {
  fake = new FakeNCentral();
  baseUrl = await fake.start();
  adapter = adapterWithVerifier('kw-verifier');
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.http.clearFaults();
  Object.assign(fake.settings, { refusalStatus: 401, revocationDelayMs: 0, me: 'data', jwtUserClaims: true });
});

function step(credentialId: string, secret?: string, ref: Record<string, string> = {}): StepInput {
  return {
    credentialId,
    requestId: `req-${credentialId}`,
    role: 'read-only',
    purpose: 'collect device inventory',
    requesterId: 'U0REQUESTER',
    ttlMs: 30 * 86_400_000,
    fields: {},
    ref,
    ...(secret === undefined ? {} : { secret: new SecretText(secret) }),
  };
}

function check(name: 'jwtValid' | 'jwtRefused', input: StepInput, on = adapter): Promise<VerifyOutcome> {
  return on.checks[name]!(input);
}

/** A credential id and its user, made as the operator would. */
function made(options: { unmanagedFlags?: boolean } = {}): { id: string; userName: string; jwt: string } {
  const id = `v${++serial}`;
  const userName = `keywarden-${id}`;
  fake.createUser({ userName, ...options });
  return { id, userName, jwt: fake.generateJwt(userName) };
}

const owners: Array<[MeShape, boolean]> = [
  ['data', true],
  ['bare', false],
  ['username', true],
  ['email', false],
  ['absent', true],
  ['unreadable', true],
];

describe.each(owners)('/users/me %s, user claims in the JWT: %s', (me, jwtUserClaims) => {
  beforeEach(() => Object.assign(fake.settings, { me, jwtUserClaims }));

  test('the right user passes, and a token made on another user is caught', async () => {
    const good = made();
    expect(await check('jwtValid', step(good.id, good.jwt))).toMatchObject({
      ok: true,
      ref: { userName: good.userName },
    });
    const other = made();
    expect(await check('jwtValid', step(`${other.id}-x`, other.jwt))).toEqual({
      ok: false,
      detail: `the token belongs to user ${other.userName}, not keywarden-${other.id}-x: generate the token on the user keywarden-${other.id}-x`,
    });
  });
});

test.each(['absent', 'unreadable'] as const)(
  'with /users/me %s and no user claim, nobody can prove whose token it is: an admin is told, nothing is handed out',
  async (me) => {
    Object.assign(fake.settings, { me, jwtUserClaims: false });
    const good = made();
    const error = await check('jwtValid', step(good.id, good.jwt)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'needs_admin', message: expect.stringContaining('will not hand it out') });
    expect(toActivityFailure(error)).toMatchObject({ type: 'Vendor.needs_admin', nonRetryable: true });
  },
);

test.each([400, 401, 403] as const)('with refusals as HTTP %i, revocation is proved', async (status) => {
  fake.settings.refusalStatus = status;
  const { id, userName, jwt } = made();
  expect(await check('jwtRefused', step(id, jwt, { userName }))).toMatchObject({ ok: false });
  fake.disableUser(userName);
  expect(await check('jwtRefused', step(id, jwt, { userName }))).toMatchObject({ ok: true });
  expect(await check('jwtValid', step(id, jwt))).toMatchObject({ ok: false, detail: /refused.*is disabled/ });
});

test('an expired password: a pasted token gets a hint, a revoked token counts as refused', async () => {
  const { id, userName, jwt } = made();
  fake.expirePassword(userName);
  expect(await check('jwtValid', step(id, jwt))).toEqual({
    ok: false,
    detail: expect.stringContaining(`the password of ${userName} has probably expired`),
  });
  expect(await check('jwtRefused', step(id, jwt, { userName }))).toEqual({
    ok: true,
    detail: expect.stringContaining('cannot obtain an access token'),
  });
});

test("the verifier's expired password is for an admin, with the variable to replace", async () => {
  const broken = adapterWithVerifier('kw-verifier-expiring');
  const { id, userName, jwt } = made();
  expect(await check('jwtValid', step(id, jwt), broken)).toMatchObject({ ok: true });
  fake.expirePassword('kw-verifier-expiring');
  fake.expirePassword(userName);
  const error = await check('jwtRefused', step(id, jwt, { userName }), broken).catch((e: unknown) => e);
  expect(error).toMatchObject({
    code: 'needs_admin',
    message: expect.stringMatching(/verifier user's password has probably expired.*NCENTRAL_VERIFIER_JWT/),
  });
  expect(toActivityFailure(error)).toMatchObject({ type: 'Vendor.needs_admin', nonRetryable: true });
});

test('a user with empty flags neither breaks the list nor passes as API-only', async () => {
  made({ unmanagedFlags: true });
  const good = made();
  expect(await check('jwtValid', step(good.id, good.jwt))).toMatchObject({ ok: true });
  const sso = made({ unmanagedFlags: true });
  expect(await check('jwtValid', step(sso.id, sso.jwt))).toEqual({
    ok: false,
    detail: expect.stringContaining(`user ${sso.userName} is not shown as an API-only user`),
  });
});

test('an error inside a 200 is thrown with its message, never read as a pass or a refusal', async () => {
  const { id, userName, jwt } = made();
  fake.errorInside200(N_CENTRAL_ROUTES.authenticate, 'Internal processing error');
  const error = await check('jwtRefused', step(id, jwt, { userName })).catch((e: unknown) => e);
  expect(error).toMatchObject({
    code: 'invalid_request',
    message: expect.stringContaining('Internal processing error'),
  });
});
