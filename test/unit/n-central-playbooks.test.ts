/** N-central's human tasks and playbooks: exact values for the operator, and steps the adapter can run. */
import { createNCentralAdapter } from '../../vendors/n-central/adapter';
import type { NCentralConnection } from '../../vendors/n-central/config';
import { definitionFor } from '../../vendors/catalog';
import { nCentralDefinition } from '../../vendors/n-central/definition';
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter } from '../../vendors/types';

// Tasks make no requests, so the connection points nowhere.
const adapterConnection: NCentralConnection = {
  type: 'n-central',
  displayName: 'N-able N-central',
  baseUrl: 'https://ncentral.invalid',
  orgUnitId: 50,
  verifierJwt: new SecretText('unused'),
  verifierJwtEnv: 'NCENTRAL_VERIFIER_JWT',
  revocationPropagationMs: 600_000,
  roles: ['read-only'],
  humanSteps: { operators: { users: ['U0OPERATOR'], groups: [] }, remindEveryMs: 86_400_000, deadlineMs: 259_200_000 },
};
// Looked up by the names in the playbook data, as the activities do at run time.
const adapter: VendorAdapter = createNCentralAdapter('ncentral', adapterConnection);

function step(credentialId: string, ref: Record<string, string> = {}): StepInput {
  return {
    credentialId,
    requestId: `req-${credentialId}`,
    role: 'read-only',
    purpose: 'collect device inventory',
    requesterId: 'U0REQUESTER',
    ttlMs: 30 * 86_400_000,
    fields: {},
    ref,
  };
}

test('the create task names the exact user, settings and where to paste the token', () => {
  const task = adapter.tasks.createApiUser!(step('abc'));
  expect(task.summary).toContain('keywarden-abc');
  expect(task.values).toEqual([
    { label: 'Login name', value: 'keywarden-abc' },
    { label: 'Role', value: 'read-only' },
    { label: 'Two-factor authentication', value: 'Off' },
    { label: 'API-only user', value: 'On' },
    { label: 'Org unit id', value: '50' },
  ]);
  expect(task.steps.join('\n')).toMatch(/Administration → User Management → Users/);
  expect(task.steps.join('\n')).toMatch(/Generate JSON Web Token/);
  expect(task.secretLabel).toBe('JSON web token');
});

test('the revoke task names the user it learned when the token was checked, and asks for nothing back', () => {
  const task = adapter.tasks.revokeApiUser!(step('abc', { userId: '1234', userName: 'keywarden-abc' }));
  expect(task.summary).toContain('keywarden-abc');
  expect(task.values).toEqual([
    { label: 'Login name', value: 'keywarden-abc' },
    { label: 'User id', value: '1234' },
  ]);
  expect(task.secretLabel).toBeUndefined();
  expect(adapter.tasks.revokeApiUser!(step('xyz')).values).toEqual([{ label: 'Login name', value: 'keywarden-xyz' }]);
});

test('the playbooks are plain data: a human task, then a check that re-opens it on failure', () => {
  const playbooks = nCentralDefinition.playbooks({});
  expect(JSON.parse(JSON.stringify(playbooks))).toEqual(playbooks);
  expect(playbooks.provision).toMatchObject([
    { kind: 'task', task: 'createApiUser', assignee: 'operator', returnsSecret: true },
    { kind: 'verify', check: 'jwtValid', retryTask: true },
  ]);
  expect(playbooks.revoke).toMatchObject([
    { kind: 'task', task: 'revokeApiUser', assignee: 'operator', returnsSecret: false },
    { kind: 'verify', check: 'jwtRefused', retryTask: true, settleMs: 600_000 },
  ]);
  expect(playbooks.provision[1]).not.toHaveProperty('settleMs');
  for (const step of [...playbooks.provision, ...playbooks.revoke]) {
    if (step.kind === 'task') expect(adapter.tasks[step.task]).toBeDefined();
    if (step.kind === 'verify') expect(adapter.checks[step.check]).toBeDefined();
  }
  expect(nCentralDefinition.validateFields({})).toEqual([]);
});

test("a connection's revocation_propagation is the revocation check's settle window, recorded in the playbook", () => {
  const connection = { ...adapterConnection, revocationPropagationMs: 5_000 };
  const revoke = definitionFor(connection)?.playbooks({}).revoke;
  expect(revoke?.[1]).toMatchObject({ kind: 'verify', check: 'jwtRefused', settleMs: 5_000 });
});
