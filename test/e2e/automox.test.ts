/**
 * Automox in both modes. Service-user mode is fully automated within the 10-key cap. Invite mode invites the
 * person read-only, waits for them to accept, asks them to create their own key with Keywarden's exact name and
 * expiry, verifies it (asking again when it is wrong), and revokes it by API at expiry.
 */
import {
  approvalMessage,
  dmTexts,
  REQUESTER,
  requestKey,
  revealSecret,
  submitTaskSecret,
  taskMessageFor,
  requestState,
} from '../support/flows';
import { expectNoSecretLeaks } from '../support/hygiene';
import { rawHistoryText } from '../support/history';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ remindEvery: '2s' });
});
afterAll(() => stack.stop());

const stateOf = (requestId: string) => requestState(stack, requestId);
const deliveredSecret = (requestId: string) => revealSecret(stack, requestId);

test('service-user mode mints a named, expiring key, delivers it, and at expiry disables, deletes and proves it refused', async () => {
  const requestId = await requestKey(stack, 'request automox ttl=10s purpose="Patch report"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const secret = await deliveredSecret(requestId);
  const key = stack.automox.keysOf(stack.automoxServiceUserId).find((k) => k.name === `keywarden-${requestId}`);
  expect(key).toMatchObject({ is_enabled: true });
  expect(key?.expires_at).toBeTruthy();

  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
    'revoked',
    40_000,
  );
  expect(stack.automox.keysOf(stack.automoxServiceUserId).some((k) => k.name === `keywarden-${requestId}`)).toBe(false);
  await expectNoSecretLeaks(stack, requestId, [secret, ...stack.automox.secrets()]);
});

test('a full service user gets a clear message, not a vendor error, and no key is made', async () => {
  const existing = stack.automox.keysOf(stack.automoxServiceUserId).length;
  for (let i = existing; i < 10; i++) stack.automox.issueKey(stack.automoxServiceUserId, `someone-else-${i}`);
  try {
    const requestId = await requestKey(stack, 'request automox ttl=1h purpose="One too many"');
    await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
    await eventually(async () => (await stateOf(requestId)).status === 'failed', 'request failed');
    expect((await stateOf(requestId)).failure).toMatch(/10 Automox keys/);
    // Failure messages are encoded into encrypted payloads, so raw history does not carry them.
    expect(await rawHistoryText(stack.temporal, `request-${requestId}`)).not.toMatch(/10 Automox keys/);
    await eventually(
      () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('10 Automox keys')),
      'requester told',
    );
    expect(stack.automox.keysOf(stack.automoxServiceUserId)).toHaveLength(10);
  } finally {
    for (const key of stack.automox
      .keysOf(stack.automoxServiceUserId)
      .filter((k) => k.name.startsWith('someone-else-'))) {
      stack.automox.deleteKeyAsAdmin(stack.automoxServiceUserId, key.id);
    }
  }
});

test('invite mode: invite, remind until accepted, wrong key then right key, delivered, revoked by API', async () => {
  const email = 'dana@acme.test';
  const requestId = await requestKey(stack, `request automox email=${email} ttl=12s purpose="Per-person SIEM feed"`);
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');

  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('waiting')),
    'reminder to accept the invitation',
  );
  const invited = stack.automox.acceptInvitation(email);

  const task = await taskMessageFor(stack, REQUESTER, requestId);
  const name = `keywarden-${requestId}`;
  expect(JSON.stringify(task.blocks)).toContain(name);
  const wrong = stack.automox.issueKey(invited.id, 'my-key', Date.now() + 86_400_000);
  await submitTaskSecret(stack, REQUESTER, task, wrong);
  const retry = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) =>
          m.channel === `D${REQUESTER}` && m.ts !== task.ts && JSON.stringify(m.blocks).includes('did not check out'),
      ),
    'task handed back',
  );
  const right = stack.automox.issueKey(invited.id, name, Date.now() + 86_400_000);
  await submitTaskSecret(stack, REQUESTER, retry, right);
  expect(await deliveredSecret(requestId)).toBe(right);

  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
    'revoked',
    40_000,
  );
  expect(stack.automox.keysOf(invited.id).some((k) => k.name === name)).toBe(false);
  await expectNoSecretLeaks(stack, requestId, [wrong, right, ...stack.automox.secrets()]);
});
