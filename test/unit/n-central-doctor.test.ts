/** `diagnoseNCentral` against the fake: a good server passes every check; each broken variant fails one, with its fix. */
import type { DoctorCheck } from '../../vendors/doctor-kit';
import type { NCentralConnection } from '../../vendors/n-central/config';
import { diagnoseNCentral } from '../../vendors/n-central/doctor';
import { FakeNCentral, N_CENTRAL_ROUTES } from '../../vendors/n-central/fake/server';
import { SecretText } from '../../secrets/secret-text';

const QUICK = { attempts: 2, pauseMs: 10 };
const DAY_MS = 86_400_000;
let fake: FakeNCentral;
let baseUrl: string;

beforeEach(async () => {
  fake = new FakeNCentral();
  baseUrl = await fake.start();
});
afterEach(async () => {
  // Read-only: the only non-GET is the sign-in, which changes nothing.
  expect(fake.http.calls.filter((c) => c.method !== 'GET' && c.path !== N_CENTRAL_ROUTES.authenticate)).toEqual([]);
  await fake.stop();
});

/** A connection whose verifier is a new user made with `options`, holding a JWT that lives `lifetimeMs`. */
function connection(
  options: { canListUsers?: boolean; orgUnitId?: number; lifetimeMs?: number } = {},
): NCentralConnection {
  fake.createUser({ userName: 'kw-verifier', canListUsers: options.canListUsers ?? true });
  const jwt = fake.generateJwt('kw-verifier', { expiresInMs: options.lifetimeMs ?? 90 * DAY_MS });
  return {
    type: 'n-central',
    displayName: 'N-able N-central',
    baseUrl,
    orgUnitId: options.orgUnitId ?? fake.orgUnitId,
    verifierJwt: new SecretText(jwt),
    verifierJwtEnv: 'NCENTRAL_VERIFIER_JWT',
    revocationPropagationMs: 600_000,
    roles: ['read-only'],
    humanSteps: { operators: { users: ['U0OPERATOR'], groups: [] }, remindEveryMs: DAY_MS, deadlineMs: 3 * DAY_MS },
  };
}

/** The doctor's failed checks; no secret the fake issued appears anywhere in what the doctor says. */
async function failures(conn: NCentralConnection): Promise<DoctorCheck[]> {
  const checks = await diagnoseNCentral(conn, undefined, QUICK);
  expect(checks).toHaveLength(3);
  const text = JSON.stringify(checks);
  for (const secret of fake.secrets()) expect(text).not.toContain(secret);
  return checks.filter((check) => !check.ok);
}

test('a good connection passes every check, saying what it found', async () => {
  fake.createUser({ userName: 'sso-user', unmanagedFlags: true });
  const checks = await diagnoseNCentral(connection(), undefined, QUICK);
  expect(checks).toEqual([
    {
      what: 'the verifier token (NCENTRAL_VERIFIER_JWT) signs in',
      ok: true,
      detail: 'N-central issued an access token',
    },
    expect.objectContaining({ ok: true, detail: expect.stringMatching(/^it expires on /) }),
    expect.objectContaining({
      what: `the verifier may list the users of org unit ${fake.orgUnitId}, and the list parses`,
      ok: true,
      detail: "2 users listed (1 without N-central's own flags, e.g. SSO users)",
    }),
  ]);
});

const broken: Array<[string, () => NCentralConnection, RegExp, RegExp]> = [
  [
    'the verifier password expired (500 on every call)',
    () => {
      const conn = connection();
      fake.expirePassword('kw-verifier');
      return conn;
    },
    /HTTP 500 to every sign-in/,
    /password has probably expired.*reset it in N-central.*NCENTRAL_VERIFIER_JWT/,
  ],
  [
    'the verifier JWT was regenerated',
    () => {
      const conn = connection();
      fake.generateJwt('kw-verifier');
      return conn;
    },
    /refused it.*Invalid token/,
    /generate a new JSON web token for the verifier user.*NCENTRAL_VERIFIER_JWT/,
  ],
  [
    'the verifier JWT expires within 14 days',
    () => connection({ lifetimeMs: 3 * DAY_MS }),
    /^it expires on /,
    /^before then, generate a new JSON web token/,
  ],
  ['the verifier may not list users', () => connection({ canListUsers: false }), /Access denied/, /"Users: Read Only"/],
  ['org_unit_id names no org unit', () => connection({ orgUnitId: 999 }), /Org unit 999 not found/, /org_unit_id 999/],
  [
    'the list does not parse',
    () => {
      fake.http.inject({
        path: new RegExp('^/api/org-units/'),
        respond: { status: 200, body: { users: [], total: 0 } },
      });
      return connection();
    },
    /unexpected body/,
    /documented shape/,
  ],
  [
    'an error inside a 200',
    () => {
      fake.errorInside200(N_CENTRAL_ROUTES.users, 'User has no access to this customer');
      return connection();
    },
    /User has no access to this customer.*inside an HTTP 200/,
    /N-central reported an error/,
  ],
];

test.each(broken)(
  '%s: its check fails with its fix; checks that need it are skipped',
  async (_v, setUp, detail, fix) => {
    const [first, ...rest] = await failures(setUp());
    expect(first).toMatchObject({ ok: false, detail: expect.stringMatching(detail), fix: expect.stringMatching(fix) });
    for (const after of rest) expect(after.detail).toMatch(/^not checked: /);
  },
);

test('without a sign-in the list is not checked, and is not reported as passed', async () => {
  const conn = connection();
  fake.disableUser('kw-verifier');
  const failed = await failures(conn);
  expect(failed.map((check) => check.detail)).toEqual([
    expect.stringContaining('disabled'),
    'not checked: the verifier could not sign in',
  ]);
});
