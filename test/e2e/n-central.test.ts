/**
 * N-central has no API to create users or tokens: the operator creates the API-only user and its JSON web
 * token by hand; Keywarden proves the token and the user's flags, caps the credential's life at the token's
 * `exp`, delivers it, and at expiry has the operator revoke it and proves the old token is refused.
 */
import { credentialStateQuery } from '../../workflows/messages';
import {
  approvalMessage,
  dmTexts,
  REQUESTER,
  requestKey,
  requestState,
  revealSecret,
  submitTaskSecret,
  taskMessageFor,
} from '../support/flows';
import { expectNoSecretLeaks } from '../support/hygiene';
import { OPERATOR, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const stateOf = (requestId: string) => requestState(stack, requestId);

test('wrong user flags are caught, the fixed token is delivered with its expiry capped by exp, then revoked and proved refused', async () => {
  const requestId = await requestKey(stack, 'request ncentral role=read-only ttl=30d purpose="RMM inventory"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const userName = `keywarden-${requestId}`;

  const task = await taskMessageFor(stack, OPERATOR, requestId);
  expect(JSON.stringify(task.blocks)).toContain(userName);
  // The operator forgets to turn two-factor authentication off: Keywarden says so and asks again.
  stack.ncentral.createUser({ userName, twoFactorEnabled: true });
  const first = stack.ncentral.generateJwt(userName, { expiresInMs: 60_000 });
  await submitTaskSecret(stack, OPERATOR, task, first);
  const retry = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) =>
          m.channel === `D${OPERATOR}` && m.ts !== task.ts && JSON.stringify(m.blocks).includes('did not check out'),
      ),
    'task handed back',
  );
  expect(JSON.stringify(retry.blocks)).toMatch(/two-factor/i);
  stack.ncentral.setTwoFactor(userName, false);
  const jwt = stack.ncentral.generateJwt(userName, { expiresInMs: 15_000 });
  await submitTaskSecret(stack, OPERATOR, retry, jwt);

  await eventually(async () => (await stateOf(requestId)).status === 'delivered', 'delivered');
  expect(await revealSecret(stack, requestId)).toBe(jwt);
  const credential = await stack.temporal.workflow.getHandle(`credential-${requestId}`).query(credentialStateQuery);
  expect(Date.parse(credential.expiresAt) - Date.now()).toBeLessThan(20_000); // capped by the token's exp, not 30 days

  const revokeTask = await taskMessageFor(stack, OPERATOR, requestId, 'Done');
  stack.ncentral.disableUser(userName);
  await stack.client.click(OPERATOR, revokeTask, 'Done');
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
    'owner told',
    40_000,
  );

  await expectNoSecretLeaks(stack, requestId, [first, jwt, ...stack.ncentral.secrets()]);
});

test('rotation of a human-step vendor asks the operator for the new user and token, verifies and delivers it', async () => {
  const requestId = await requestKey(stack, 'request ncentral role=read-only ttl=1h purpose="Rotate by hand"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const firstName = `keywarden-${requestId}`;
  stack.ncentral.createUser({ userName: firstName });
  await submitTaskSecret(
    stack,
    OPERATOR,
    await taskMessageFor(stack, OPERATOR, requestId),
    stack.ncentral.generateJwt(firstName),
  );
  const first = await revealSecret(stack, requestId);

  expect(String((await stack.client.command(REQUESTER, `rotate ${requestId}`)).json().text)).toContain(
    'Rotating it now',
  );
  const secondName = `${firstName}-g2`;
  const task = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) =>
          m.channel === `D${OPERATOR}` &&
          JSON.stringify(m.blocks).includes(secondName) &&
          JSON.stringify(m.blocks).includes('"Submit key"'),
      ),
    'rotation task for the new user',
  );
  stack.ncentral.createUser({ userName: secondName });
  const secondJwt = stack.ncentral.generateJwt(secondName);
  await submitTaskSecret(stack, OPERATOR, task, secondJwt);
  expect(await revealSecret(stack, requestId, `${requestId}-g2`)).toBe(secondJwt);
  await expectNoSecretLeaks(stack, requestId, [first, secondJwt]);
});

test('a revocation N-central applies late is waited out: the task is not handed back, and the refusal is proved', async () => {
  const requestId = await requestKey(stack, 'request ncentral role=read-only ttl=1h purpose="Late revocation"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const userName = `keywarden-${requestId}`;
  stack.ncentral.createUser({ userName });
  const jwt = stack.ncentral.generateJwt(userName);
  await submitTaskSecret(stack, OPERATOR, await taskMessageFor(stack, OPERATOR, requestId), jwt);
  expect(await revealSecret(stack, requestId)).toBe(jwt);

  // N-central keeps accepting a disabled user's token for a while (field reports: up to ~5 minutes).
  stack.ncentral.settings.revocationDelayMs = 4_000;
  try {
    expect(String((await stack.client.command(REQUESTER, `revoke ${requestId}`)).json().text)).toContain(
      'Revoking it now',
    );
    const revokeTask = await taskMessageFor(stack, OPERATOR, requestId, 'Done');
    stack.ncentral.disableUser(userName);
    const signIns = () => stack.ncentral.http.calls.filter((call) => call.path === '/api/auth/authenticate');
    const before = signIns().length;
    const doneAt = Date.now();
    await stack.client.click(OPERATOR, revokeTask, 'Done');
    await eventually(
      () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
      'owner told of the verified revocation',
      40_000,
    );
    // The old token still signed in when Done was clicked; it was checked again on a timer until refused.
    expect(Date.now() - doneAt).toBeGreaterThanOrEqual(3_500);
    const statuses = signIns()
      .slice(before)
      .map((call) => call.status);
    expect(statuses[statuses.length - 1]).toBe(401);
    const handedBack = [...stack.slack.messages.values()].filter(
      (m) => m.channel === `D${OPERATOR}` && m.ts !== revokeTask.ts && JSON.stringify(m.blocks).includes(requestId),
    );
    expect(handedBack.filter((m) => JSON.stringify(m.blocks).includes('did not check out'))).toEqual([]);
  } finally {
    stack.ncentral.settings.revocationDelayMs = 0;
  }
  await expectNoSecretLeaks(stack, requestId, [jwt, ...stack.ncentral.secrets()]);
});
