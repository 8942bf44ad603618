/** The N-central adapter's checks and tasks against the fake: what an operator sees when they get a step right or wrong. */
import { toActivityFailure } from '../../activities/failures';
import { createNCentralAdapter } from '../../vendors/n-central/adapter';
import { nCentralFileSchema, resolveNCentral, type NCentralConnection } from '../../vendors/n-central/config';
import { FakeNCentral, type NewFakeUser } from '../../vendors/n-central/fake/server';
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter, VerifyOutcome } from '../../vendors/types';

let fake: FakeNCentral;
let baseUrl: string;
let adapter: VendorAdapter;

/** A connection as `keywarden.yaml` would configure it, with `userName` as the verifier user. */
function connectTo(userName: string): NCentralConnection {
  fake.createUser({ userName, canListUsers: true });
  const jwt = fake.generateJwt(userName);
  const entry = nCentralFileSchema.parse({
    type: 'n-central',
    base_url: baseUrl,
    org_unit_id: fake.orgUnitId,
    verifier_jwt_env: 'NCENTRAL_VERIFIER_JWT',
    human_steps: { operator: { users: ['U0OPERATOR'] } },
  });
  const connection = resolveNCentral(entry, (name) => (name === 'NCENTRAL_VERIFIER_JWT' ? jwt : undefined));
  if (Array.isArray(connection)) throw new Error(connection.join('; '));
  return connection;
}

beforeAll(async () => {
  fake = new FakeNCentral();
  baseUrl = await fake.start();
  adapter = createNCentralAdapter('ncentral', connectTo('kw-verifier'));
});
afterAll(() => fake.stop());

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

function check(name: string, input: StepInput, on: VendorAdapter = adapter): Promise<VerifyOutcome> {
  const run = on.checks[name];
  if (!run) throw new Error(`no check ${name}`);
  return run(input);
}

/** The operator creates a user and generates its token. */
function tokenFor(user: NewFakeUser, expiresInMs?: number): string {
  fake.createUser(user);
  return fake.generateJwt(user.userName, expiresInMs === undefined ? {} : { expiresInMs });
}

function expClaim(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return payload.exp;
}

test('a correctly made API user passes, and the credential can live no longer than its token', async () => {
  const { userId } = fake.createUser({ userName: 'keywarden-good' });
  const jwt = fake.generateJwt('keywarden-good', { expiresInMs: 30 * 86_400_000 });
  const outcome = await check('jwtValid', step('good', jwt));
  expect(outcome).toEqual({
    ok: true,
    detail: expect.stringContaining('keywarden-good'),
    ref: { userId: String(userId), userName: 'keywarden-good' },
    expiresAt: new Date(expClaim(jwt) * 1000).toISOString(),
  });
});

const mistakes: Array<[string, () => string, string, RegExp]> = [
  [
    'two-factor authentication left on',
    () => tokenFor({ userName: 'keywarden-2fa', twoFactorEnabled: true }),
    '2fa',
    /refused.*Two-factor.*keywarden-2fa has two-factor authentication on: turn it off/,
  ],
  [
    'API-only user not ticked',
    () => tokenFor({ userName: 'keywarden-ui', apiOnlyUser: false }),
    'ui',
    /user keywarden-ui is not an API-only user/,
  ],
  [
    'token made on another user',
    () => tokenFor({ userName: 'alice' }),
    'misnamed',
    /belongs to user alice, not keywarden-misnamed/,
  ],
  [
    'user created in another org unit',
    () => tokenFor({ userName: 'keywarden-away', orgUnitId: 77 }),
    'away',
    /no user keywarden-away in org unit 50/,
  ],
  [
    'user disabled',
    () => {
      const jwt = tokenFor({ userName: 'keywarden-off' });
      fake.disableUser('keywarden-off');
      return jwt;
    },
    'off',
    /refused.*keywarden-off is disabled/,
  ],
  [
    'token already expired',
    () => tokenFor({ userName: 'keywarden-old' }, -1000),
    'old',
    /expired on .*generate a new one for keywarden-old/,
  ],
  ['garbage pasted', () => 'paste-error: not a token\n', 'garbage', /not a JSON web token/],
  [
    'token cut short while copying',
    () => tokenFor({ userName: 'keywarden-cut' }).replace(/.$/, ''),
    'cut',
    /refused \(N-central: Invalid token \(HTTP 401\)\): generate a new token for keywarden-cut/,
  ],
];

test.each(mistakes)('a token fails the check, saying what to fix: %s', async (_story, setUp, credentialId, detail) => {
  const jwt = setUp();
  const outcome = await check('jwtValid', step(credentialId, jwt));
  expect(outcome).toEqual({ ok: false, detail: expect.stringMatching(detail) });
  expect(outcome.detail).not.toContain(jwt.trim());
});

test('garbage is refused without asking N-central', async () => {
  const before = fake.http.received.length;
  expect(await check('jwtValid', step('nothing', 'hunter2'))).toMatchObject({ ok: false });
  expect(await check('jwtValid', step('nothing'))).toEqual({
    ok: false,
    detail: 'no JSON web token has been handed in yet',
  });
  expect(fake.http.received.length).toBe(before);
});

test('once the operator fixes the user, the same token passes (the task is retried, not restarted)', async () => {
  const jwt = tokenFor({ userName: 'keywarden-fixed', twoFactorEnabled: true });
  expect(await check('jwtValid', step('fixed', jwt))).toMatchObject({ ok: false });
  fake.setTwoFactor('keywarden-fixed', false);
  expect(await check('jwtValid', step('fixed', jwt))).toMatchObject({ ok: true });
});

test('revocation is verified only once the old token is refused: user disabled', async () => {
  const { userId } = fake.createUser({ userName: 'keywarden-leaver' });
  const jwt = fake.generateJwt('keywarden-leaver');
  const ref = { userId: String(userId), userName: 'keywarden-leaver' };
  expect(await check('jwtRefused', step('leaver', jwt, ref))).toEqual({
    ok: false,
    detail: expect.stringContaining('the old token still signs in'),
  });
  fake.disableUser('keywarden-leaver');
  expect(await check('jwtRefused', step('leaver', jwt, ref))).toEqual({
    ok: true,
    detail: expect.stringContaining('the old token is refused'),
  });
});

test('revocation is verified only once the old token is refused: token regenerated', async () => {
  const jwt = tokenFor({ userName: 'keywarden-rotated' });
  expect(await check('jwtRefused', step('rotated', jwt))).toMatchObject({ ok: false });
  fake.generateJwt('keywarden-rotated');
  expect(await check('jwtRefused', step('rotated', jwt))).toMatchObject({ ok: true });
});

test('without a recorded token, revocation looks for the user being disabled or gone', async () => {
  fake.createUser({ userName: 'keywarden-untested' });
  expect(await check('jwtRefused', step('untested'))).toMatchObject({ ok: false, detail: /still enabled/ });
  fake.disableUser('keywarden-untested');
  expect(await check('jwtRefused', step('untested'))).toMatchObject({ ok: true });
  expect(await check('jwtRefused', step('never-created'))).toMatchObject({ ok: true });
});

test('the verifier signs in once for many checks, even concurrent ones', async () => {
  const fresh = createNCentralAdapter('ncentral-2', connectTo('kw-verifier-cached'));
  const signIns = () => fake.http.calls.filter((call) => call.path === '/api/auth/authenticate').length;
  const before = signIns();
  await Promise.all([1, 2, 3].map(() => check('jwtRefused', step('never-created'), fresh)));
  await check('jwtRefused', step('never-created'), fresh);
  expect(signIns() - before).toBe(1);
});

test('a verifier token that stopped working is reported as a configuration problem', async () => {
  const broken = createNCentralAdapter('ncentral-3', connectTo('kw-verifier-rotated'));
  await check('jwtRefused', step('never-created'), broken);
  fake.generateJwt('kw-verifier-rotated');
  const error = await check('jwtRefused', step('never-created'), broken).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('verifier_jwt_env') });
  expect(toActivityFailure(error)).toMatchObject({ type: 'Vendor.unauthorized', nonRetryable: true });
});
