/**
 * The Vectra Fusion adapter against the fake in each variant: idempotent minting and deletion decided by listing,
 * least privilege (a broader key under the credential's appname is never regenerated or delivered), and failures
 * only an admin can fix reported as `needs_admin`.
 */
import { toActivityFailure } from '../../activities/failures';
import type { SecretText } from '../../secrets/secret-text';
import type { StepInput, StepOutput, VendorAdapter, VerifyOutcome } from '../../vendors/types';
import { appnameFor, createVectraFusionAdapter } from '../../vendors/vectra-fusion/adapter';
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { resolveVectraFusion, vectraFusionFileSchema } from '../../vendors/vectra-fusion/config';
import {
  FakeVectraFusion,
  LENIENT_BEHAVIOUR,
  STRICT_BEHAVIOUR,
  type VectraBehaviour,
} from '../../vendors/vectra-fusion/fake/server';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import { vendorFailure } from '../support/vendor-errors';

/** An adapter configured as keywarden.yaml would, with `base_url` written without `/api/v1`. */
function adapterFor(origin: string, adminNetosecret: string): VendorAdapter {
  const entry = vectraFusionFileSchema.parse({
    type: 'vectra-fusion',
    admin_netosecret_env: 'VECTRA_ADMIN',
    base_url: origin,
    roles: ['readonly', 'admin'],
  });
  const connection = resolveVectraFusion(entry, () => adminNetosecret);
  if (Array.isArray(connection)) throw new Error(connection.join('; '));
  return createVectraFusionAdapter('vectra', connection);
}

function step(credentialId: string, extra: Partial<StepInput> = {}): StepInput {
  return {
    credentialId,
    requestId: credentialId,
    role: 'readonly',
    purpose: 'SIEM ingestion',
    requesterId: 'UREQ',
    ttlMs: 86_400_000,
    fields: {},
    ref: {},
    ...extra,
  };
}

function act(adapter: VendorAdapter, name: string, input: StepInput): Promise<StepOutput> {
  const fn = adapter.actions[name];
  if (!fn) throw new Error(`no action ${name}`);
  return fn(input);
}

function verify(adapter: VendorAdapter, name: string, input: StepInput): Promise<VerifyOutcome> {
  const fn = adapter.checks[name];
  if (!fn) throw new Error(`no check ${name}`);
  return fn(input);
}

const VARIANTS: Array<[string, VectraBehaviour]> = [
  ['strict', STRICT_BEHAVIOUR],
  ['lenient', LENIENT_BEHAVIOUR],
  ['404 refusals, 500 for unknown keys', { ...STRICT_BEHAVIOUR, tokenRefusalStatus: 404, unknownAppnameStatus: 500 }],
];

describe.each(VARIANTS)('against the %s fake', (_name, behaviour) => {
  let fake: FakeVectraFusion;
  let origin: string;
  let adapter: VendorAdapter;
  const writes = () => fake.http.calls.filter((c) => c.method !== 'GET' && c.path !== '/api/v1/auth/token');

  beforeAll(async () => {
    fake = new FakeVectraFusion(behaviour);
    origin = await fake.start();
    adapter = adapterFor(origin, fake.issueNetosecret('keywarden-admin', 'admin'));
  });
  afterAll(() => fake.stop());
  afterEach(() => fake.http.clearFaults());

  test('mints a key with exactly the role, proves it, deletes it, and a second delete is a no-op', async () => {
    const made = await act(adapter, 'createKey', step('c1'));
    const secret = decodeNetosecret(made.secret?.reveal() ?? '');
    expect(secret).toMatchObject({ appname: 'keywarden-c1', url: `${origin}/api/v1`, shortname: fake.shortname });
    const input = step('c1', { ref: made.ref ?? {}, secret: made.secret as SecretText });
    expect(await verify(adapter, 'scopeMatches', input)).toMatchObject({ ok: true });
    expect(await verify(adapter, 'authenticates', input)).toMatchObject({ ok: true });
    await act(adapter, 'deleteKey', input);
    expect(await verify(adapter, 'refused', input)).toMatchObject({ ok: true });
    const before = writes().length;
    await act(adapter, 'deleteKey', input);
    expect(writes().length).toBe(before);
  });

  test('a retried create (appkey lost) regenerates its own key with the full body instead of making another', async () => {
    const first = await act(adapter, 'createKey', step('c2'));
    const second = await act(adapter, 'createKey', step('c2'));
    expect(fake.listKeys().filter((k) => k.appname === 'keywarden-c2')).toHaveLength(1);
    const regen = fake.http.calls.filter((c) => c.path === '/api/v1/api-keys/keywarden-c2/regen');
    expect(regen).toEqual([{ method: 'PUT', path: '/api/v1/api-keys/keywarden-c2/regen', status: 200 }]);
    expect(await verify(adapter, 'authenticates', step('c2', { secret: first.secret }))).toMatchObject({
      ok: false,
    });
    expect(await verify(adapter, 'authenticates', step('c2', { secret: second.secret }))).toMatchObject({
      ok: true,
    });
  });

  test('a duplicate refused by create (a race) is told apart from a bad request by listing again', async () => {
    fake.issueNetosecret('keywarden-c3', 'readonly');
    fake.http.inject({
      method: 'GET',
      path: '/api/v1/api-keys',
      respond: { status: 200, body: { meta: {}, data: [] } },
    });
    await expect(act(adapter, 'createKey', step('c3'))).resolves.toMatchObject({
      ref: { appname: 'keywarden-c3' },
    });
    const bad = await vendorFailure(act(adapter, 'createKey', step('c4', { role: 'superuser' })));
    expect(bad.code).toBe('invalid_request');
  });

  test('LEAST PRIVILEGE: an admin key under the appname is never regenerated, delivered or cleaned up', async () => {
    const existing = decodeNetosecret(fake.issueNetosecret(appnameFor('c5'), 'admin'));
    const refused = await vendorFailure(act(adapter, 'createKey', step('c5')));
    expect(refused.code).toBe('scope_mismatch');
    expect(refused.message).toMatch(/"keywarden-c5" with role admin, not the requested readonly/);
    expect(refused.message).toMatch(/did not regenerate, change or hand out/);
    expect(toActivityFailure(refused)).toMatchObject({ type: 'Vendor.scope_mismatch', nonRetryable: true });
    // The request's clean-up (no ref recorded) leaves the key Keywarden did not make.
    await act(adapter, 'deleteKey', step('c5'));
    expect(await verify(adapter, 'refused', step('c5'))).toMatchObject({ ok: true });
    expect(fake.http.calls.filter((c) => c.path.startsWith('/api/v1/api-keys/keywarden-c5'))).toEqual([]);
    expect(fake.listKeys().find((k) => k.appname === 'keywarden-c5')?.roles).toEqual(['admin']);
    await expect(new VectraFusionClient(origin).exchangeToken(existing)).resolves.toBeDefined();
  });

  test('a key whose role is not the requested one fails scopeMatches before delivery', async () => {
    const made = await act(adapter, 'createKey', step('c6'));
    const listed = { meta: {}, data: [{ appname: 'keywarden-c6', roles: ['admin'], last_login: 1_700_000_000 }] };
    fake.http.inject({ method: 'GET', path: '/api/v1/api-keys', respond: { status: 200, body: listed } });
    const outcome = await verify(adapter, 'scopeMatches', step('c6', { ref: made.ref ?? {} }));
    expect(outcome).toMatchObject({
      ok: false,
      detail: expect.stringContaining('role admin, not the requested readonly'),
    });
  });

  test('a delete answered with the variant status for an unknown key counts as gone once the list agrees', async () => {
    const listed = { meta: {}, data: [{ appname: 'keywarden-c7', roles: ['readonly'] }] };
    fake.http.inject({ method: 'GET', path: '/api/v1/api-keys', respond: { status: 200, body: listed } });
    await act(adapter, 'deleteKey', step('c7', { ref: { appname: 'keywarden-c7' } }));
    expect(fake.http.calls.filter((c) => c.method === 'DELETE').at(-1)?.status).toBe(behaviour.unknownAppnameStatus);
  });

  test('a 404 from the exchange proves nothing while the key is still listed', async () => {
    const made = await act(adapter, 'createKey', step('c8'));
    fake.http.inject({ method: 'POST', path: '/api/v1/auth/token', respond: { status: 404, body: { message: 'x' } } });
    const input = step('c8', { ref: made.ref ?? {}, secret: made.secret });
    expect(await verify(adapter, 'refused', input)).toMatchObject({ ok: false });
  });
});

describe('failures only an admin can fix are needs_admin, with what to do', () => {
  test.each([
    ['the admin key was deleted', (f: FakeVectraFusion) => f.removeKey('keywarden-admin'), /admin_netosecret_env/],
    ['the shared secret was regenerated', (f: FakeVectraFusion) => f.regenerateSharedSecret(), /shared secret/],
  ])('%s', async (_what, breakIt, advice) => {
    const fake = new FakeVectraFusion();
    const adapter = adapterFor(await fake.start(), fake.issueNetosecret('keywarden-admin', 'admin'));
    // A cached admin token outlives both changes; the key must not be made with a stale shared secret anyway.
    await act(adapter, 'createKey', step('n0'));
    breakIt(fake);
    const error = await vendorFailure(act(adapter, 'createKey', step('n1')));
    expect(error).toMatchObject({ code: 'needs_admin', message: expect.stringMatching(advice) });
    expect(toActivityFailure(error)).toMatchObject({ type: 'Vendor.needs_admin', nonRetryable: true });
    expect(fake.listKeys().some((k) => k.appname === 'keywarden-n1')).toBe(false);
    await fake.stop();
  });

  test('an admin key without the admin role (403) and a revoked cached token', async () => {
    const fake = new FakeVectraFusion({ tokensSurviveDeletion: false });
    const origin = await fake.start();
    const reader = adapterFor(origin, fake.issueNetosecret('keywarden-reader', 'readonly'));
    const error = await vendorFailure(act(reader, 'createKey', step('n2')));
    expect(error).toMatchObject({ code: 'needs_admin', message: expect.stringContaining('admin role') });

    const adapter = adapterFor(origin, fake.issueNetosecret('keywarden-admin', 'admin'));
    await act(adapter, 'createKey', step('n3'));
    fake.http.inject({
      method: 'GET',
      path: '/api/v1/api-keys',
      respond: { status: 401, body: { message: 'expired' } },
    });
    await expect(act(adapter, 'createKey', step('n4'))).resolves.toMatchObject({
      ref: { appname: 'keywarden-n4' },
    });
    await fake.stop();
  });
});
