/** How an N-central connection is configured, and how Keywarden reads a JWT it cannot verify. */
import { nCentralFileSchema, resolveNCentral } from '../../vendors/n-central/config';
import { decodeJwtPayload, jwtExpiresAt } from '../../vendors/n-central/jwt';

/** An unsigned-looking JWT; only N-central could check its signature, and nothing here does. */
function jwtWith(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const entry = {
  type: 'n-central',
  base_url: 'https://ncentral.example.com',
  org_unit_id: 50,
  verifier_jwt_env: 'NCENTRAL_VERIFIER_JWT',
  human_steps: { operator: { groups: ['S0OPERATORS'] } },
};
const inAYear = Math.floor(Date.now() / 1000) + 365 * 86_400;

test('a connection resolves with defaults, and its verifier token never prints', () => {
  const jwt = jwtWith({ sub: '7', exp: inAYear });
  const connection = resolveNCentral(nCentralFileSchema.parse(entry), () => `${jwt}\n`);
  expect(connection).toMatchObject({
    type: 'n-central',
    displayName: 'N-able N-central',
    baseUrl: 'https://ncentral.example.com',
    orgUnitId: 50,
    roles: ['read-only'],
    verifierJwtEnv: 'NCENTRAL_VERIFIER_JWT',
    revocationPropagationMs: 600_000,
    humanSteps: {
      operators: { users: [], groups: ['S0OPERATORS'] },
      remindEveryMs: 86_400_000,
      deadlineMs: 259_200_000,
    },
  });
  expect(JSON.stringify(connection)).not.toContain(jwt);
  if (Array.isArray(connection)) throw new Error('expected a connection');
  expect(connection.verifierJwt.reveal()).toBe(jwt);
});

test('revocation_propagation sets how long the revocation check waits for N-central', () => {
  const jwt = jwtWith({ exp: inAYear });
  const connection = resolveNCentral(nCentralFileSchema.parse({ ...entry, revocation_propagation: '30s' }), () => jwt);
  expect(connection).toMatchObject({ revocationPropagationMs: 30_000 });
  expect(nCentralFileSchema.safeParse({ ...entry, revocation_propagation: 'soon' }).success).toBe(false);
});

test('a missing, malformed or expired verifier token is reported by its variable name', () => {
  const parsed = nCentralFileSchema.parse(entry);
  expect(resolveNCentral(parsed, () => undefined)).toEqual([
    'verifier_jwt_env: environment variable NCENTRAL_VERIFIER_JWT is not set',
  ]);
  expect(resolveNCentral(parsed, () => 'not-a-jwt')).toEqual([
    'verifier_jwt_env: NCENTRAL_VERIFIER_JWT is not a JSON web token',
  ]);
  expect(resolveNCentral(parsed, () => jwtWith({ exp: 1_600_000_000 }))).toEqual([
    'verifier_jwt_env: the token in NCENTRAL_VERIFIER_JWT expired on 2020-09-13T12:26:40.000Z; generate a new one',
  ]);
});

test('the file schema demands a server, an org unit id and operators for the human steps', () => {
  const problems = (value: unknown) =>
    nCentralFileSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];
  expect(problems({ ...entry, base_url: 'ncentral' })).toEqual(['base_url']);
  expect(problems({ ...entry, org_unit_id: '50' })).toEqual(['org_unit_id']);
  expect(problems({ ...entry, human_steps: { operator: {} } })).toEqual(['human_steps.operator']);
  expect(problems({ ...entry, human_steps: undefined })).toEqual(['human_steps']);
  expect(problems({ ...entry, verifier_jwt: 'eyJ...' })).toEqual(['']);
});

test('a JWT is read without verifying it, and anything else reads as nothing', () => {
  const jwt = jwtWith({ sub: '7', exp: 1_900_000_000 });
  expect(decodeJwtPayload(jwt)).toEqual({ sub: '7', exp: 1_900_000_000 });
  expect(jwtExpiresAt(jwt)?.toISOString()).toBe('2030-03-17T17:46:40.000Z');
  expect(jwtExpiresAt(jwtWith({ sub: '7' }))).toBeUndefined();
  expect(jwtExpiresAt(jwtWith({ exp: 'tomorrow' }))).toBeUndefined();
  for (const garbage of ['', 'a.b', 'a.b.c', 'not a jwt at all', `${jwt}.extra`, 'W10.W10.c2ln']) {
    expect(decodeJwtPayload(garbage)).toBeUndefined();
  }
});
