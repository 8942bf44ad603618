/**
 * `keywarden doctor` for Vectra Fusion against the fake: every check passes on a good setup; each broken setup fails
 * the right check with its fix; no run makes a mutating call or prints a secret.
 */
import type { DoctorCheck } from '../../vendors/doctor-kit';
import type { VectraFusionConnection } from '../../vendors/vectra-fusion/config';
import { diagnoseVectraFusion } from '../../vendors/vectra-fusion/doctor';
import { FakeVectraFusion } from '../../vendors/vectra-fusion/fake/server';
import { decodeNetosecret, encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

let fake: FakeVectraFusion;
let origin: string;
let adminSecret: string;

beforeEach(async () => {
  fake = new FakeVectraFusion();
  origin = await fake.start();
  adminSecret = fake.issueNetosecret('keywarden-admin', 'admin');
});
afterEach(() => fake.stop());

function connection(overrides: Partial<VectraFusionConnection> = {}, secret = adminSecret): VectraFusionConnection {
  const adminNetosecret = decodeNetosecret(secret);
  return {
    type: 'vectra-fusion',
    displayName: 'Vectra Fusion',
    adminNetosecret,
    baseUrl: adminNetosecret.url,
    roles: ['readonly'],
    ...overrides,
  };
}

async function diagnose(conn: VectraFusionConnection): Promise<DoctorCheck[]> {
  const checks = await diagnoseVectraFusion(conn);
  // Read-only: only GETs and the token exchange reach the vendor; no secret in what is printed.
  expect(fake.http.calls.filter((c) => c.method !== 'GET' && c.path !== '/api/v1/auth/token')).toEqual([]);
  const printed = JSON.stringify(checks);
  for (const secret of [adminSecret, ...fake.secrets()]) expect(printed).not.toContain(secret);
  return checks;
}

function failed(checks: DoctorCheck[]): DoctorCheck[] {
  return checks.filter((c) => !c.ok && !c.detail?.startsWith('not checked'));
}

test('a good setup passes every check', async () => {
  const checks = await diagnose(connection({ baseUrl: origin }));
  expect(checks.map((c) => [c.what, c.ok])).toEqual([
    [`the API root ${origin}/api/v1 answers`, true],
    ['the admin netosecret (key "keywarden-admin") exchanges for an access token', true],
    ['the admin key can list API keys (the permission Keywarden uses) and the list parses', true],
    ['the admin key "keywarden-admin" has the admin role', true],
    ['the configured roles (readonly) exist in Vectra Fusion', true],
  ]);
});

test('a wrong appkey fails the token exchange; the checks that need a token are skipped', async () => {
  const wrong = encodeNetosecret({ ...decodeNetosecret(adminSecret), appkey: 'not-the-key' });
  const checks = await diagnose(connection({}, wrong));
  expect(failed(checks)).toEqual([
    expect.objectContaining({
      what: expect.stringContaining('exchanges for an access token'),
      detail: expect.stringContaining('refused Keywarden\'s admin API key "keywarden-admin" (HTTP 401)'),
      fix: expect.stringContaining('admin_netosecret_env'),
    }),
  ]);
  expect(checks.filter((c) => c.detail === 'not checked: no admin token')).toHaveLength(3);
});

test('a regenerated shared secret is named as a possible cause, and the fix says to rotate delivered keys', async () => {
  fake.regenerateSharedSecret();
  const [failure] = failed(await diagnose(connection()));
  expect(failure?.detail).toContain("regenerated the account's API shared secret");
  expect(failure?.fix).toContain('rotate delivered keys');
});

test('an admin key with the readonly role cannot list keys (403)', async () => {
  adminSecret = fake.issueNetosecret('keywarden-reader', 'readonly');
  const checks = await diagnose(connection());
  expect(failed(checks)).toEqual([
    expect.objectContaining({
      what: expect.stringContaining('can list API keys'),
      detail: expect.stringContaining('HTTP 403'),
      fix: expect.stringContaining('admin role'),
    }),
  ]);
  expect(checks.find((c) => c.what.includes('has the admin role'))?.ok).toBe(false);
});

test('a base_url with the wrong path (404) fails the root check and nothing else is reported as passed', async () => {
  const checks = await diagnose(connection({ baseUrl: `${origin}/fusion` }));
  expect(checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('https://api.netography.com') });
  expect(checks.slice(1).every((c) => !c.ok && c.detail?.startsWith('not checked'))).toBe(true);
});

test('a key list that does not parse fails the list check', async () => {
  fake.http.inject({
    method: 'GET',
    path: '/api/v1/api-keys',
    times: 2,
    respond: { status: 200, body: { data: 'x' } },
  });
  const checks = await diagnose(connection());
  expect(failed(checks).map((c) => c.what)).toEqual([expect.stringContaining('can list API keys')]);
  expect(failed(checks)[0]?.fix).toContain('documented shape');
});

test('a configured role Vectra does not know is named', async () => {
  const [failure] = failed(await diagnose(connection({ roles: ['readonly', 'auditor'] })));
  expect(failure).toMatchObject({ detail: expect.stringContaining('auditor'), fix: expect.stringContaining('roles') });
});
