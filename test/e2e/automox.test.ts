/**
 * Automox in both modes. Integration mode is fully automated, one holder per integration user. Invite mode invites the
 * person read-only, waits for them to accept, asks them to create their own key with Keywarden's exact name and
 * expiry, verifies it (asking again when it is wrong), and revokes it (and the invited user) by API at expiry.
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

test('integration mode mints a named, expiring key, delivers it, and at expiry revokes it and every key its holder made', async () => {
  const users = stack.automoxUsers;
  const requestId = await requestKey(stack, 'request automox integration=siem ttl=10s purpose="Patch report"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const secret = await deliveredSecret(requestId);
  const key = stack.automox.keysOf(users.siem).find((k) => k.name === `keywarden-${requestId}`);
  expect(key).toMatchObject({ is_enabled: true });
  expect(key?.expires_at).toBeTruthy();
  // The holder mints a key of their own (Automox allows it); revocation must not leave it behind.
  const sideKey = stack.automox.issueKey(users.siem, 'holder-made-this');

  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
    'revoked',
    40_000,
  );
  expect(stack.automox.keysOf(users.siem).map((k) => k.name)).toEqual(['bootstrap-siem']);
  await expectNoSecretLeaks(stack, requestId, [secret, sideKey, ...stack.automox.secrets()]);
});

test('a second request for an integration that has a live credential gets a clear message, and no key is made', async () => {
  const users = stack.automoxUsers;
  const first = await requestKey(stack, 'request automox integration=backup ttl=1h purpose="Backups"');
  await stack.client.click('UALICE', await approvalMessage(stack, first), 'Approve');
  await deliveredSecret(first);
  const held = stack.automox.keysOf(users.backup).map((k) => k.name);

  const second = await requestKey(stack, 'request automox integration=backup ttl=1h purpose="Backups too"');
  await stack.client.click('UALICE', await approvalMessage(stack, second), 'Approve');
  await eventually(async () => (await stateOf(second)).status === 'failed', 'request failed');
  const message = `integration backup already has a live key for credential ${first}`;
  expect((await stateOf(second)).failure).toContain(message);
  // Failure messages are encoded into encrypted payloads, so raw history does not carry them.
  expect(await rawHistoryText(stack.temporal, `request-${second}`)).not.toContain(message);
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(second) && t.includes(message)),
    'requester told',
  );
  expect(stack.automox.keysOf(users.backup).map((k) => k.name)).toEqual(held);
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
  // The invited user could mint new keys for themselves, so the user is removed too.
  expect(stack.automox.hasUser(invited.id)).toBe(false);
  await expectNoSecretLeaks(stack, requestId, [wrong, right, ...stack.automox.secrets()]);
});
