/** The Automox adapter against the fake: both modes' playbooks, step by step, as the workflow would run them. */
import { AutomoxClient } from '../../vendors/automox/client';
import { createAutomoxAdapter } from '../../vendors/automox/adapter';
import type { AutomoxConnection } from '../../vendors/automox/config';
import { automoxDefinition } from '../../vendors/automox/definition';
import { FakeAutomox } from '../../vendors/automox/fake/server';
import { endOfUtcDay } from '../../vendors/automox/time';
import { vendorFailure } from '../support/vendor-errors';
import { SecretText } from '../../vendors/secret-text';
import type { StepInput, VendorAdapter } from '../../vendors/types';
import type { PlaybookStep } from '../../workflows/types';

const DAY = 86_400_000;
const TTL = 30 * DAY;
let fake: FakeAutomox;
let url: string;
let serviceUserId: number;
let connection: AutomoxConnection;
let adapter: VendorAdapter;
let credentials = 0;

beforeEach(async () => {
  fake = new FakeAutomox();
  url = await fake.start();
  const admin = fake.createUser({ email: 'admin@example.com', role: 'global-admin' });
  const service = fake.createUser({ email: 'keywarden@example.com', role: 'read-only' });
  serviceUserId = service.id;
  connection = {
    type: 'automox',
    displayName: 'Automox',
    baseUrl: `${url}/api`,
    orgId: fake.orgId,
    roles: ['read-only'],
    serviceUser: { apiKey: new SecretText(fake.issueKey(service.id, 'bootstrap')), userId: service.id },
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
  const modes: Array<Record<string, string>> = [{}, { email: 'jane@example.com' }];
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

describe('service-user mode', () => {
  const playbooks = automoxDefinition.playbooks({});

  test('provisions a key that expires with the access time, idempotently, then revokes it', async () => {
    const provisioned = await run(playbooks.provision, request());
    const name = `keywarden-${provisioned.credentialId}`;
    const minted = fake.keysOf(serviceUserId).filter((k) => k.name === name);
    expect(minted).toHaveLength(1);
    expect(provisioned.ref).toEqual({ userId: String(serviceUserId), keyId: String(minted[0]!.id) });
    expect(fake.secrets()).toContain(provisioned.secret!.reveal());
    const expires = Date.parse(minted[0]!.expires_at!.replace('+0000', 'Z'));
    expect(Math.abs(expires - (Date.now() + TTL))).toBeLessThan(60_000);
    const verified = await adapter.checks.keyAuthenticates!(provisioned);
    expect(verified.expiresAt).toBe(new Date(expires).toISOString());

    const again = await adapter.actions.createServiceKey!({ ...provisioned, ref: {} });
    expect(again.ref).toEqual(provisioned.ref);
    expect(again.secret!.reveal()).toBe(provisioned.secret!.reveal());
    expect(JSON.stringify(again)).not.toContain(provisioned.secret!.reveal());
    expect(fake.keysOf(serviceUserId).filter((k) => k.name === name)).toHaveLength(1);

    await run(playbooks.revoke, provisioned);
    expect(fake.keysOf(serviceUserId).map((k) => k.name)).toEqual(['bootstrap']);
    const probe = new AutomoxClient(url).probeKey(provisioned.secret!, fake.orgId, serviceUserId);
    expect(await probe).toBe('refused');
    await run(playbooks.revoke, provisioned);
  });

  test('a full service user is refused before anything is minted, in words the requester understands', async () => {
    for (let i = 2; i <= 10; i++) fake.issueKey(serviceUserId, `other-${i}`);
    const input = request();
    const refused = await vendorFailure(adapter.actions.checkKeyCapacity!(input));
    expect(refused.code).toBe('limit_reached');
    expect(refused.message).toMatch(/already holds 10 Automox keys.*revoke/);
    expect((await vendorFailure(adapter.actions.createServiceKey!(input))).code).toBe('limit_reached');
    expect(fake.keysOf(serviceUserId)).toHaveLength(10);
  });

  test('a credential whose key already exists passes the capacity check even at the cap', async () => {
    const input = request();
    for (let i = 2; i <= 9; i++) fake.issueKey(serviceUserId, `other-${i}`);
    await adapter.actions.createServiceKey!(input);
    await expect(adapter.actions.checkKeyCapacity!(input)).resolves.toEqual({});
  });

  test('a connection without a service user says so', async () => {
    const inviteOnly = createAutomoxAdapter('automox', { ...connection, serviceUser: undefined });
    const error = await vendorFailure(inviteOnly.actions.createServiceKey!(request()));
    expect(error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('email=') });
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
    await expect(adapter.actions.inviteUser!(input)).resolves.toEqual({});
    const refused = await vendorFailure(adapter.conditions.invitationAccepted!(input));
    expect(refused).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('zone-admin') });
  });

  test('a connection without invite settings says so', async () => {
    const serviceOnly = createAutomoxAdapter('automox', { ...connection, invite: undefined });
    const error = await vendorFailure(serviceOnly.actions.inviteUser!(request({ email: EMAIL })));
    expect(error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('without email=') });
  });
});
