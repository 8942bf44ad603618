/** The Automox adapter against the fake: both modes' playbooks, step by step, as the workflow would run them. */
import { AutomoxClient } from '../../vendors/automox/client';
import { createAutomoxAdapter } from '../../vendors/automox/adapter';
import type { AutomoxConnection } from '../../vendors/automox/config';
import { automoxDefinition } from '../../vendors/automox/definition';
import { FakeAutomox } from '../../vendors/automox/fake/server';
import { endOfUtcDay } from '../../vendors/automox/time';
import { vendorFailure } from '../support/vendor-errors';
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter } from '../../vendors/types';
import type { PlaybookStep } from '../../workflows/types';

const DAY = 86_400_000;
const TTL = 30 * DAY;
let fake: FakeAutomox;
let url: string;
let siemUserId: number;
let backupUserId: number;
let connection: AutomoxConnection;
let adapter: VendorAdapter;
let credentials = 0;

beforeEach(async () => {
  fake = new FakeAutomox();
  url = await fake.start();
  const admin = fake.createUser({ email: 'admin@example.com', role: 'global-admin' });
  const siem = fake.createUser({ email: 'kw-siem@example.com', role: 'read-only' });
  const backup = fake.createUser({ email: 'kw-backup@example.com', role: 'read-only' });
  siemUserId = siem.id;
  backupUserId = backup.id;
  const integration = (name: string, userId: number) => ({
    name,
    userId,
    apiKey: new SecretText(fake.issueKey(userId, 'bootstrap')),
    apiKeyEnv: `AX_${name.toUpperCase()}_KEY`,
  });
  connection = {
    type: 'automox',
    displayName: 'Automox',
    baseUrl: `${url}/api`,
    orgId: fake.orgId,
    roles: ['read-only'],
    integrations: { siem: integration('siem', siem.id), backup: integration('backup', backup.id) },
    fieldLimits: { integration: ['siem', 'backup'] },
    invite: {
      adminApiKey: new SecretText(fake.issueKey(admin.id, 'keywarden-admin')),
      accountId: fake.accountId,
      zoneId: fake.zoneId,
      remindEveryMs: DAY,
      deadlineMs: 3 * DAY,
    },
  };
  adapter = createAutomoxAdapter('automox', connection);
});
afterEach(() => fake.stop());

function request(fields: Record<string, string> = {}): StepInput {
  credentials += 1;
  return {
    credentialId: `cred${credentials}`,
    requestId: `req${credentials}`,
    role: 'read-only',
    purpose: 'patch reporting',
    requesterId: 'U0REQUESTER',
    ttlMs: TTL,
    fields,
    ref: {},
  };
}

/** Runs `call` and `verify` steps in order, carrying refs and the secret as the playbook engine does. */
async function run(steps: readonly PlaybookStep[], start: StepInput): Promise<StepInput> {
  let input = start;
  for (const step of steps) {
    if (step.kind === 'call') {
      const output = await adapter.actions[step.action]!(input);
      input = { ...input, ref: { ...input.ref, ...output.ref }, ...(output.secret ? { secret: output.secret } : {}) };
    } else if (step.kind === 'verify') {
      const outcome = await adapter.checks[step.check]!(input);
      expect({ step: step.check, ...outcome }).toMatchObject({ step: step.check, ok: true });
      input = { ...input, ref: { ...input.ref, ...outcome.ref } };
    } else {
      throw new Error(`run() drives API steps only, not ${step.kind}`);
    }
  }
  return input;
}

test('every step the playbooks name is implemented by the adapter', () => {
  const modes: Array<Record<string, string>> = [{ integration: 'siem' }, { email: 'jane@example.com' }];
  for (const fields of modes) {
    const { provision, revoke } = automoxDefinition.playbooks(fields);
    for (const step of [...provision, ...revoke]) {
      const table =
        step.kind === 'call'
          ? adapter.actions[step.action]
          : step.kind === 'verify'
            ? adapter.checks[step.check]
            : step.kind === 'await'
              ? adapter.conditions[step.condition]
              : adapter.tasks[step.task];
      expect({ step: step.title, implemented: typeof table }).toEqual({ step: step.title, implemented: 'function' });
    }
  }
});

describe('integration mode', () => {
  const playbooks = automoxDefinition.playbooks({ integration: 'siem' });
  const siem = () => request({ integration: 'siem' });
  const keyNames = (userId: number) => fake.keysOf(userId).map((k) => k.name);

  test('provisions a key that expires with the access time, idempotently, then revokes it and every key its holder made', async () => {
    const provisioned = await run(playbooks.provision, siem());
    const name = `keywarden-${provisioned.credentialId}`;
    const minted = fake.keysOf(siemUserId).filter((k) => k.name === name);
    expect(minted).toHaveLength(1);
    expect(provisioned.ref).toEqual({ userId: String(siemUserId), keyId: String(minted[0]!.id), integration: 'siem' });
    expect(fake.secrets()).toContain(provisioned.secret!.reveal());
    const expires = Date.parse(minted[0]!.expires_at!.replace('+0000', 'Z'));
    expect(Math.abs(expires - (Date.now() + TTL))).toBeLessThan(60_000);
    expect((await adapter.checks.keyAuthenticates!(provisioned)).expiresAt).toBe(new Date(expires).toISOString());

    const again = await adapter.actions.createServiceKey!({ ...provisioned, ref: {} });
    expect(again.ref).toEqual(provisioned.ref);
    expect(again.secret!.reveal()).toBe(provisioned.secret!.reveal());
    expect(JSON.stringify(again)).not.toContain(provisioned.secret!.reveal());

    // The holder mints a key of their own, which Automox allows and Keywarden never made.
    const client = new AutomoxClient(url);
    const side = await client.createApiKey(provisioned.secret!, fake.orgId, siemUserId, { name: 'my-own' });
    const sideSecret = await client.decryptApiKey(provisioned.secret!, fake.orgId, siemUserId, side.id);
    await run(playbooks.revoke, provisioned);
    expect(keyNames(siemUserId)).toEqual(['bootstrap']);
    expect(await client.probeKey(provisioned.secret!, fake.orgId, siemUserId)).toBe('refused');
    expect(await client.probeKey(sideSecret, fake.orgId, siemUserId)).toBe('refused');
    await run(playbooks.revoke, provisioned);
  });

  test("an Automox holder's key cannot open another holder's key", async () => {
    const siemHeld = await run(playbooks.provision, siem());
    const backupHeld = await run(playbooks.provision, request({ integration: 'backup' }));
    const backupKeyId = Number(backupHeld.ref.keyId);
    const client = new AutomoxClient(url);
    const asSiem = siemHeld.secret!;
    expect(
      (await vendorFailure(client.decryptApiKey(asSiem, fake.orgId, backupUserId, backupKeyId))).details.status,
    ).toBe(403);
    expect(
      (await vendorFailure(client.setApiKeyEnabled(asSiem, fake.orgId, backupUserId, backupKeyId, false))).details
        .status,
    ).toBe(403);
    expect(
      (await vendorFailure(client.deleteApiKey(asSiem, fake.orgId, backupUserId, backupKeyId))).details.status,
    ).toBe(403);
    expect((await vendorFailure(client.listApiKeys(asSiem, fake.orgId, backupUserId))).details.status).toBe(403);
    expect(fake.keysOf(backupUserId).find((k) => k.id === backupKeyId)).toMatchObject({ is_enabled: true });
    expect(await adapter.checks.keyAuthenticates!(backupHeld)).toMatchObject({ ok: true });
  });

  test('a second request for an integration with a live credential is refused without minting anything', async () => {
    const first = await run(playbooks.provision, siem());
    const before = keyNames(siemUserId);
    const callsBefore = fake.http.calls.length;
    const second = siem();
    for (const step of ['checkKeyCapacity', 'createServiceKey'] as const) {
      const refused = await vendorFailure(adapter.actions[step]!(second));
      expect(refused.code).toBe('limit_reached');
      expect(refused.message).toBe(
        `Automox: integration siem already has a live key for credential ${first.credentialId}; revoke it first or request another integration (backup)`.replace(
          /^Automox: /,
          '',
        ),
      );
    }
    expect(keyNames(siemUserId)).toEqual(before);
    // The failed request's clean-up runs the revoke playbook: it must leave the live holder's key alone.
    await run(playbooks.revoke, second);
    expect(keyNames(siemUserId)).toEqual(before);
    expect(await adapter.checks.keyAuthenticates!(first)).toMatchObject({ ok: true });
    const minting = fake.http.calls
      .slice(callsBefore)
      .filter((c) => c.method !== 'GET' && !c.path.endsWith('/decrypt'));
    expect(minting).toEqual([]);
  });

  test('a rotation makes the next generation on the same user; retiring the old one keeps it', async () => {
    const first = await run(playbooks.provision, siem());
    const next = await run(playbooks.provision, { ...first, credentialId: `${first.credentialId}-g2`, ref: {} });
    expect(keyNames(siemUserId)).toEqual([
      'bootstrap',
      `keywarden-${first.credentialId}`,
      `keywarden-${first.credentialId}-g2`,
    ]);
    await run(playbooks.revoke, first);
    expect(keyNames(siemUserId)).toEqual(['bootstrap', `keywarden-${first.credentialId}-g2`]);
    expect(await adapter.checks.keyAuthenticates!(next)).toMatchObject({ ok: true });
  });

  test('keys Keywarden did not make keep a new holder out until an Automox admin deletes them', async () => {
    fake.issueKey(siemUserId, 'left-behind');
    const refused = await vendorFailure(adapter.actions.checkKeyCapacity!(siem()));
    expect(refused).toMatchObject({
      code: 'needs_admin',
      message: expect.stringMatching(/left-behind \(id \d+\).*must delete them/),
    });
  });

  test('the cap is reported as limit_reached, before anything is minted', async () => {
    const input = siem();
    for (let g = 2; g <= 10; g++) fake.issueKey(siemUserId, `keywarden-${input.credentialId}-g${g}`);
    const refused = await vendorFailure(adapter.actions.createServiceKey!(input));
    expect(refused).toMatchObject({ code: 'limit_reached', message: expect.stringContaining('already holds 10 keys') });
    expect(fake.keysOf(siemUserId)).toHaveLength(10);
  });

  test('a user whose role lacks Personal API Key: Manage is reported as needs_admin, with what to do', async () => {
    const limited = fake.createUser({ email: 'kw-limited@example.com', role: 'read-only', canManageOwnKeys: false });
    const limitedAdapter = createAutomoxAdapter('automox', {
      ...connection,
      integrations: {
        siem: {
          name: 'siem',
          userId: limited.id,
          apiKey: new SecretText(fake.issueKey(limited.id, 'b')),
          apiKeyEnv: 'AX_SIEM_KEY',
        },
      },
    });
    const refused = await vendorFailure(limitedAdapter.actions.createServiceKey(siem()));
    expect(refused).toMatchObject({
      code: 'needs_admin',
      message: expect.stringContaining('Personal API Key: Manage'),
    });
  });

  test("a bootstrap key that is not the user's own (wrong user_id) is reported as needs_admin", async () => {
    const misconfigured = createAutomoxAdapter('automox', {
      ...connection,
      integrations: { siem: { ...connection.integrations.siem!, userId: backupUserId } },
    });
    const refused = await vendorFailure(misconfigured.actions.createServiceKey(siem()));
    expect(refused).toMatchObject({
      code: 'needs_admin',
      message: expect.stringContaining('integrations.siem.user_id'),
    });
  });

  test('a credential from the shared-user days is revoked through the integration now holding its user', async () => {
    const old = request({});
    const name = `keywarden-${old.credentialId}`;
    const secret = fake.issueKey(siemUserId, name);
    const keyId = fake.keysOf(siemUserId).find((k) => k.name === name)!.id;
    await run(playbooks.revoke, {
      ...old,
      ref: { userId: String(siemUserId), keyId: String(keyId) },
      secret: new SecretText(secret),
    });
    expect(keyNames(siemUserId)).toEqual(['bootstrap']);
    const unknown = await vendorFailure(adapter.actions.deleteKey!({ ...old, ref: { userId: '1' } }));
    expect(unknown).toMatchObject({ code: 'needs_admin', message: expect.stringContaining('revoke its key') });
  });
});

describe('invite mode', () => {
  const EMAIL = 'jane@example.com';
  const playbooks = automoxDefinition.playbooks({ email: EMAIL });

  /** Invites Jane and has her accept: the state the task step starts from. */
  async function invitedAndAccepted(): Promise<{ input: StepInput; userId: number }> {
    const input = request({ email: EMAIL });
    await adapter.actions.inviteUser!(input);
    const user = fake.acceptInvitation(EMAIL);
    const outcome = await adapter.conditions.invitationAccepted!(input);
    return { input: { ...input, ref: { ...input.ref, ...outcome.ref } }, userId: user.id };
  }

  /** What Jane does in the console: create a key, and paste something into Keywarden. */
  function janePastes(input: StepInput, pasted: string): StepInput {
    return { ...input, secret: new SecretText(pasted) };
  }

  test('invites, waits for acceptance, guides the key, verifies it, then revokes it', async () => {
    expect(playbooks.provision.map((s) => s.kind)).toEqual(['call', 'await', 'task', 'verify']);
    const input = request({ email: EMAIL });
    await adapter.actions.inviteUser!(input);
    await expect(adapter.actions.inviteUser!(input)).resolves.toEqual({});
    const pending = await adapter.conditions.invitationAccepted!(input);
    expect(pending).toEqual({ met: false, detail: expect.stringContaining('not accepted yet') });

    const user = fake.acceptInvitation(EMAIL);
    const accepted = await adapter.conditions.invitationAccepted!(input);
    expect(accepted).toMatchObject({ met: true, ref: { userId: String(user.id), userUuid: user.uuid } });
    const invited = { ...input, ref: { ...accepted.ref } };

    const task = adapter.tasks.createOwnKey!(invited);
    const name = `keywarden-${input.credentialId}`;
    const day = new Date(Date.now() + TTL).toISOString().slice(0, 10);
    expect(task.values).toEqual([
      { label: 'Key name', value: name },
      { label: 'Expires on', value: day },
      { label: 'Account email', value: EMAIL },
    ]);
    expect(task.secretLabel).toBe('Automox API key');
    expect(task.steps.join('\n')).toContain(name);

    const secret = fake.issueKey(user.id, name, Date.now() + TTL);
    const outcome = await adapter.checks.pastedKeyValid!(janePastes(invited, secret));
    const keyId = fake.keysOf(user.id).find((k) => k.name === name)!.id;
    expect(outcome).toMatchObject({ ok: true, ref: { userId: String(user.id), keyId: String(keyId) } });
    expect(Date.parse(outcome.expiresAt!)).toBeGreaterThan(Date.now() + TTL - 60_000);
    expect(JSON.stringify(outcome)).not.toContain(secret);

    const delivered = { ...janePastes(invited, secret), ref: { ...invited.ref, ...outcome.ref } };
    await run(playbooks.revoke, delivered);
    expect(fake.keysOf(user.id)).toEqual([]);
    // The invited user could have minted new keys for themselves: the user is gone, proved by the zone's list.
    expect(fake.hasUser(user.id)).toBe(false);
    expect(fake.http.calls.filter((c) => c.method === 'DELETE' && c.path.includes('/accounts/'))).toEqual([
      expect.objectContaining({ status: 204 }),
    ]);
    await run(playbooks.revoke, delivered);
  });

  test.each([
    ['a key with another name', 'my-key', Date.now() + TTL, /no key named keywarden-cred\d+ under the invited/],
    ['a key that never expires', 'NAME', undefined, /never expires; delete it and create it again with the expiry/],
    ['a key that expires too late', 'NAME', Date.now() + TTL + 3 * DAY, /later than this request allows/],
    ['a key that has already expired', 'NAME', Date.now() - 1000, /has already expired/],
  ])('%s is sent back with what to fix', async (_story, keyName, expiresAt, detail) => {
    const { input, userId } = await invitedAndAccepted();
    const name = keyName === 'NAME' ? `keywarden-${input.credentialId}` : keyName;
    const secret = fake.issueKey(userId, name, expiresAt);
    const outcome = await adapter.checks.pastedKeyValid!(janePastes(input, secret));
    expect(outcome).toEqual({ ok: false, detail: expect.stringMatching(detail) });
    expect(outcome.detail).not.toContain(secret);
  });

  test('an expiry at the end of the suggested day, in any time zone, is accepted', async () => {
    const { input, userId } = await invitedAndAccepted();
    const lateThatDay = endOfUtcDay(Date.now() + TTL) + 12 * 3_600_000;
    const secret = fake.issueKey(userId, `keywarden-${input.credentialId}`, lateThatDay);
    expect(await adapter.checks.pastedKeyValid!(janePastes(input, secret))).toMatchObject({ ok: true });
  });

  test('a pasted key that is not the named key is sent back', async () => {
    const { input, userId } = await invitedAndAccepted();
    fake.issueKey(userId, `keywarden-${input.credentialId}`, Date.now() + TTL);
    const otherOfHers = fake.issueKey(userId, 'scratch', Date.now() + TTL);
    const someoneElses = connection.invite!.adminApiKey.reveal();
    const cases: Array<[string, RegExp]> = [
      ['garbage-0000', /submitted key was refused — Automox: invalid API key/],
      [otherOfHers, /another of this user's keys/],
      [someoneElses, /belongs to a different Automox user/],
    ];
    for (const [pasted, detail] of cases) {
      const outcome = await adapter.checks.pastedKeyValid!(janePastes(input, pasted));
      expect(outcome).toEqual({ ok: false, detail: expect.stringMatching(detail) });
      expect(outcome.detail).not.toContain(pasted);
    }
  });

  test('an address that already belongs to a non-read-only user is refused, not handed out', async () => {
    fake.createUser({ email: 'boss@example.com', role: 'global-admin' });
    const input = request({ email: 'boss@example.com' });
    // Not invited again, and marked so that revocation never removes a user Keywarden did not create.
    await expect(adapter.actions.inviteUser!(input)).resolves.toEqual({ ref: { preexistingUser: 'true' } });
    expect(fake.http.calls.some((c) => c.path.endsWith('/invitations'))).toBe(false);
    const refused = await vendorFailure(adapter.conditions.invitationAccepted!(input));
    expect(refused).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('zone-admin') });
  });

  test('a connection without invite settings says so', async () => {
    const integrationsOnly = createAutomoxAdapter('automox', { ...connection, invite: undefined });
    const error = await vendorFailure(integrationsOnly.actions.inviteUser(request({ email: EMAIL })));
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('integration=<name> (siem, backup)'),
    });
  });
});
