/** The Gotransverse adapter: the operator's tasks, and the checks that prove what they did. */
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter } from '../../vendors/types';
import { createGotransverseAdapter } from '../../vendors/gotransverse/adapter';
import { API_SET_SLUGS, type ApiSetSlug } from '../../vendors/gotransverse/apisets';
import type { GotransverseConnection } from '../../vendors/gotransverse/config';
import { FakeGotransverse, MANAGE_USER_API_KEY, TEST_PROBE_PATHS } from '../../vendors/gotransverse/fake/server';

const OWNER = 'integration';
let fake: FakeGotransverse;
let connection: GotransverseConnection;
let adapter: VendorAdapter;
let credentialCount = 0;

beforeAll(async () => {
  fake = new FakeGotransverse({ probePaths: TEST_PROBE_PATHS });
  connection = {
    type: 'gotransverse',
    displayName: 'Gotransverse',
    apiBaseUrl: await fake.start(),
    uiUrl: await fake.startConsole(),
    probePaths: TEST_PROBE_PATHS,
    roles: ['read-only'],
    fieldLimits: { apisets: API_SET_SLUGS },
    humanSteps: {
      operators: { users: ['U012ABCDEF'], groups: [] },
      remindEveryMs: 86_400_000,
      deadlineMs: 259_200_000,
    },
  };
  adapter = createGotransverseAdapter('gotransverse', connection);
  fake.createUser(OWNER, { authorities: [MANAGE_USER_API_KEY] });
});
afterAll(() => fake.stop());

/** A step for a fresh credential asking for `apisets`, holding `secret` when one has been pasted. */
function step(apisets: string, secret?: string): StepInput {
  const credentialId = `cred${++credentialCount}`;
  return {
    credentialId,
    requestId: `req${credentialCount}`,
    role: 'read-only',
    purpose: 'revenue\nreporting',
    requesterId: 'U0REQUESTER',
    ttlMs: 86_400_000,
    fields: { apisets },
    ref: {},
    ...(secret === undefined ? {} : { secret: new SecretText(secret) }),
  };
}

/** What the operator does in the UI: generate a key named as the instructions say, with these sets. */
function operatorGenerates(input: StepInput, apisets: readonly ApiSetSlug[]): string {
  return fake.generateKey(OWNER, { name: `keywarden-${input.credentialId}`, apisets });
}

function withSecret(input: StepInput, secret: string): StepInput {
  return { ...input, secret: new SecretText(secret) };
}

describe('keyHasApisets', () => {
  test('passes for a key with exactly the requested sets, however the request spelt them', async () => {
    const input = step('dunning, BILLING');
    const key = operatorGenerates(input, ['billing', 'dunning']);
    await expect(adapter.checks.keyHasApisets!(withSecret(input, key))).resolves.toEqual({
      ok: true,
      detail: 'the key opens Billing, Dunning and no other API set',
    });
  });

  test('names the missing set and quotes Gotransverse for a narrower key', async () => {
    const input = step('Billing,Dunning');
    const key = operatorGenerates(input, ['billing']);
    await expect(adapter.checks.keyHasApisets!(withSecret(input, key))).resolves.toEqual({
      ok: false,
      detail: 'the key lacks Dunning (Gotransverse said: Access Denied)',
    });
  });

  test('fails a broader key and says how to fix it (least privilege)', async () => {
    const input = step('Billing,Dunning');
    const key = operatorGenerates(input, ['billing', 'dunning', 'currex']);
    await expect(adapter.checks.keyHasApisets!(withSecret(input, key))).resolves.toEqual({
      ok: false,
      detail: 'the key also opens Currex; generate it with only Billing, Dunning',
    });
  });

  test('reports both problems of a key with the wrong sets', async () => {
    const input = step('Billing,Dunning');
    const key = operatorGenerates(input, ['billing', 'tax-essentials']);
    const outcome = await adapter.checks.keyHasApisets!(withSecret(input, key));
    expect(outcome).toEqual({
      ok: false,
      detail:
        'the key lacks Dunning (Gotransverse said: Access Denied); ' +
        'the key also opens Tax Essentials; generate it with only Billing, Dunning',
    });
  });

  test('fails a garbage or deleted key with the vendor message, after one call', async () => {
    const garbage = step('Billing', '0123456789abcdef0123456789abcdef');
    const before = fake.http.calls.length;
    const outcome = await adapter.checks.keyHasApisets!(garbage);
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toContain('(Gotransverse said: Access to this API has been disallowed)');
    expect(fake.http.calls.length - before).toBe(1);

    const input = step('Billing');
    const key = operatorGenerates(input, ['billing']);
    fake.revokeKey(key);
    const revoked = await adapter.checks.keyHasApisets!(withSecret(input, key));
    expect(revoked).toMatchObject({ ok: false, detail: expect.stringContaining('has been disallowed') });
    expect(revoked.detail).not.toContain(key);
  });

  test('fails when no key has been pasted yet', async () => {
    await expect(adapter.checks.keyHasApisets!(step('Billing'))).resolves.toEqual({
      ok: false,
      detail: 'no key has been submitted yet',
    });
  });
});

describe('keyRefused', () => {
  test('is false while the key works and true once it is deleted', async () => {
    const input = step('Billing,Usage Processing');
    const live = withSecret(input, operatorGenerates(input, ['billing', 'usage-processing']));
    await expect(adapter.checks.keyRefused!(live)).resolves.toEqual({
      ok: false,
      detail: `the key keywarden-${input.credentialId} still opens Billing, Usage Processing; delete it in Gotransverse`,
    });

    expect(fake.revokeKey(`keywarden-${input.credentialId}`)).toBe(1);
    await expect(adapter.checks.keyRefused!(live)).resolves.toEqual({
      ok: true,
      detail: 'every API set refuses the key (Gotransverse said: Access to this API has been disallowed)',
    });
  });

  test('hands a key refused only because its owner is disabled back, with the way out if it cannot be deleted', async () => {
    fake.createUser('soon-disabled', { authorities: [MANAGE_USER_API_KEY] });
    const input = step('Billing');
    const key = fake.generateKey('soon-disabled', { name: `keywarden-${input.credentialId}`, apisets: ['billing'] });
    fake.disableUser('soon-disabled');
    const outcome = await adapter.checks.keyRefused!(withSecret(input, key));
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toContain('only because of its owner');
    expect(outcome.detail).toContain('User is Disabled');
    expect(outcome.detail).toContain('works again once the account is restored');
    expect(outcome.detail).toContain('click Cannot complete and say so');
  });

  test('asks only the sets the key had, even one since taken out of allowed_apisets', async () => {
    const input = step('Billing,Currex');
    const live = withSecret(input, operatorGenerates(input, ['billing', 'currex']));
    fake.revokeKey(`keywarden-${input.credentialId}`);
    const narrowed = createGotransverseAdapter('gt', { ...connection, fieldLimits: { apisets: ['billing'] } });
    const before = fake.http.calls.length;
    await expect(narrowed.checks.keyRefused(live)).resolves.toMatchObject({ ok: true });
    expect(fake.http.calls.slice(before).map((c) => c.path)).toEqual([
      TEST_PROBE_PATHS.billing,
      TEST_PROBE_PATHS.currex,
    ]);
  });
});

describe('only the sets a check needs are asked, and configuration errors go to an admin', () => {
  const few = { billing: TEST_PROBE_PATHS.billing, dunning: TEST_PROBE_PATHS.dunning, currex: TEST_PROBE_PATHS.currex };

  test('a grant asks the requested sets, then the other configured ones, and nothing else', async () => {
    const narrow = createGotransverseAdapter('gt', { ...connection, probePaths: few });
    const input = step('Currex');
    const key = operatorGenerates(input, ['currex', 'tax-essentials']);
    const before = fake.http.calls.length;
    // Tax Essentials has no probe path here: it cannot be asked, so this connection cannot see it (documented limit).
    await expect(narrow.checks.keyHasApisets(withSecret(input, key))).resolves.toMatchObject({ ok: true });
    expect(fake.http.calls.slice(before).map((c) => c.path)).toEqual([few.currex, few.billing, few.dunning]);
  });

  test('a probe path that 404s is needs_admin naming the path and the setting, never a failed grant', async () => {
    const wrong = createGotransverseAdapter('gt', {
      ...connection,
      probePaths: { ...few, 'tax-essentials': '/tax-essentials/2/test-connection' },
    });
    const input = step('Billing');
    const key = operatorGenerates(input, ['billing']);
    await expect(wrong.checks.keyHasApisets(withSecret(input, key))).rejects.toMatchObject({
      code: 'needs_admin',
      message: expect.stringMatching(
        /tax-essentials\/2\/test-connection does not exist \(HTTP 404\).*probe_paths\.tax-essentials/,
      ),
    });
  });

  test('an undocumented 403 is needs_admin for a grant and for a revocation, never a verdict', async () => {
    const input = step('Billing');
    const key = withSecret(input, operatorGenerates(input, ['billing']));
    fake.http.inject({ path: TEST_PROBE_PATHS.dunning, respond: { status: 403, body: { message: 'Forbidden' } } });
    await expect(adapter.checks.keyHasApisets!(key)).rejects.toMatchObject({
      code: 'needs_admin',
      message: expect.stringContaining(
        'Dunning with a 403 that is not one of its documented answers (it said: Forbidden)',
      ),
    });
    fake.revokeKey(key.secret!.reveal());
    fake.http.inject({
      path: TEST_PROBE_PATHS.billing,
      respond: { status: 403, raw: 'Access to this API has been disallowed' },
    });
    await expect(adapter.checks.keyRefused!(key)).rejects.toMatchObject({ code: 'needs_admin' });
  });
});

describe('tasks', () => {
  test('generateKey tells the operator the exact name, sets and description, and asks for the key back', () => {
    const input = step('dunning,Billing');
    const task = adapter.tasks.generateKey!(input);
    expect(task.secretLabel).toBe('Gotransverse API key');
    expect(task.values).toEqual([
      { label: 'Key name', value: `keywarden-${input.credentialId}` },
      { label: 'API sets', value: 'Billing, Dunning' },
      { label: 'Description', value: `Keywarden request ${input.requestId}: revenue reporting` },
    ]);
    const text = task.steps.join('\n');
    expect(text).toContain(`Sign in to ${connection.uiUrl} `);
    expect(text).not.toContain(connection.apiBaseUrl);
    expect(text).toContain('Manage User API Key');
    expect(text).toContain('Submit key');
  });

  test('deleteKey names the key to delete and hands nothing back', () => {
    const input = step('Billing');
    const task = adapter.tasks.deleteKey!(input);
    expect(task.secretLabel).toBeUndefined();
    expect(task.values).toEqual([{ label: 'Key name', value: `keywarden-${input.credentialId}` }]);
    expect(task.steps.join('\n')).toContain('*Done*');
    // Deleting keys in the UI is unverified: the operator learns that disabling the owner does not count, and the way out.
    expect(task.steps.join('\n')).toContain('Disabling the user is not enough');
    expect(task.steps.join('\n')).toContain('*Cannot complete*');
  });

  test('a set this connection does not offer fails the step instead of asking the operator', () => {
    const narrow = createGotransverseAdapter('gt', { ...connection, fieldLimits: { apisets: ['billing'] } });
    expect(() => narrow.tasks.generateKey(step('Billing,Currex'))).toThrow(
      expect.objectContaining({ code: 'invalid_request', message: expect.stringContaining('Currex is not offered') }),
    );
  });
});
