/**
 * Gotransverse has no API for users or keys: the operator generates the key by hand, Keywarden proves it opens
 * exactly the requested API sets (asking again when it does not), delivers it, and at expiry has the operator
 * delete it and proves every set refuses it.
 */
import { MANAGE_USER_API_KEY } from '../../vendors/gotransverse/fake/server';
import { credentialStateQuery } from '../../workflows/messages';
import {
  approvalMessage,
  dmTexts,
  REQUESTER,
  requestKey,
  revealSecret,
  submitTaskSecret,
  taskMessageFor,
  requestState,
  threadTexts,
} from '../support/flows';
import { expectNoSecretLeaks } from '../support/hygiene';
import { APPROVAL_CHANNEL, OPERATOR, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  stack.gotransverse.createUser('integration', { authorities: [MANAGE_USER_API_KEY] });
});
afterAll(() => stack.stop());

const stateOf = (requestId: string) => requestState(stack, requestId);

test('operator-made key is verified per API set, delivered, then deleted and proved refused', async () => {
  const requestId = await requestKey(
    stack,
    'request gotransverse ttl=15s purpose="Billing export" apisets=Billing,Dunning',
  );
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');

  // The operator first makes a key that lacks Dunning: Keywarden says so and asks again.
  const task = await taskMessageFor(stack, OPERATOR, requestId);
  expect(JSON.stringify(task.blocks)).toContain(`keywarden-${requestId}`);
  const narrow = stack.gotransverse.generateKey('integration', {
    name: `keywarden-${requestId}`,
    apisets: ['billing'],
  });
  await submitTaskSecret(stack, OPERATOR, task, narrow);
  const retry = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) => m.channel === `D${OPERATOR}` && JSON.stringify(m.blocks).includes('lacks Dunning'),
      ),
    'task handed back with the vendor error',
  );
  stack.gotransverse.revokeKey(narrow);
  const exact = stack.gotransverse.generateKey('integration', {
    name: `keywarden-${requestId}`,
    apisets: ['billing', 'dunning'],
  });
  await submitTaskSecret(stack, OPERATOR, retry, exact);

  await eventually(async () => (await stateOf(requestId)).status === 'delivered', 'delivered');
  expect(await revealSecret(stack, requestId)).toBe(exact);
  // The approval thread follows the human steps too.
  const thread = await threadTexts(stack, requestId);
  expect(thread.filter((t) => t.includes(`Waiting on <@${OPERATOR}>`))).toHaveLength(1);
  expect(thread.filter((t) => t.includes(`Handed back to <@${OPERATOR}> after a failed check`))).toHaveLength(1);
  expect(thread.filter((t) => t.includes(`<@${OPERATOR}> did`))).toHaveLength(2);

  // At expiry the operator is asked to delete it; "Done" before deleting is caught.
  const revokeTask = await taskMessageFor(stack, OPERATOR, requestId, 'Done');
  await stack.client.click(OPERATOR, revokeTask, 'Done');
  const revokeRetry = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) =>
          m.channel === `D${OPERATOR}` &&
          m.ts !== revokeTask.ts &&
          JSON.stringify(m.blocks).includes('"Done"') &&
          JSON.stringify(m.blocks).includes('did not check out'),
      ),
    'revoke task handed back',
    40_000,
  );
  stack.gotransverse.revokeKey(exact);
  await stack.client.click(OPERATOR, revokeRetry, 'Done');
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes('was revoked')),
    'owner told of verified revocation',
    40_000,
  );

  await expectNoSecretLeaks(stack, requestId, [narrow, exact, ...stack.gotransverse.secrets()]);
});

test('disabling the owner is not taken as revocation: the operator is told why, and Cannot complete escalates', async () => {
  const requestId = await requestKey(stack, 'request gotransverse ttl=8s purpose="Disable only" apisets=Billing');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  stack.gotransverse.createUser('disable-only', { authorities: [MANAGE_USER_API_KEY] });
  const key = stack.gotransverse.generateKey('disable-only', { name: `keywarden-${requestId}`, apisets: ['billing'] });
  await submitTaskSecret(stack, OPERATOR, await taskMessageFor(stack, OPERATOR, requestId), key);
  expect(await revealSecret(stack, requestId)).toBe(key);

  // The operator finds no way to delete the key and disables its owner instead.
  const revokeTask = await taskMessageFor(stack, OPERATOR, requestId, 'Done');
  stack.gotransverse.disableUser('disable-only');
  await stack.client.click(OPERATOR, revokeTask, 'Done');
  const handedBack = await eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) =>
          m.channel === `D${OPERATOR}` &&
          m.ts !== revokeTask.ts &&
          JSON.stringify(m.blocks).includes('works again once the account is restored'),
      ),
    'revoke task handed back with the reason',
    40_000,
  );
  expect(JSON.stringify(handedBack.blocks)).toContain('User is Disabled');

  const opened = stack.slack.callsTo('views.open').length;
  await stack.client.click(OPERATOR, handedBack, 'Cannot complete');
  const modal = await eventually(() => stack.slack.callsTo('views.open')[opened], 'decline modal');
  await stack.client.submitView(OPERATOR, modal.args.view as never, { reason: 'Our tenant cannot delete keys' });
  const alert = await eventually(
    () =>
      stack.slack
        .callsTo('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === APPROVAL_CHANNEL &&
            String(c.args.text).includes(requestId) &&
            String(c.args.text).includes('could not verify'),
        ),
    'admin alert',
    40_000,
  );
  expect(String(alert.args.text)).toContain('Our tenant cannot delete keys');
  expect(String(alert.args.text)).not.toContain(key);
  const credential = stack.temporal.workflow.getHandle(`credential-${requestId}`);
  await eventually(
    async () => (await credential.query(credentialStateQuery)).status === 'revoke_unverified',
    'credential marked revoke_unverified',
  );
});

test('"Cannot complete" ends the request with the reason and tells the requester', async () => {
  const requestId = await requestKey(
    stack,
    'request gotransverse ttl=1h purpose="Usage feed" apisets=usage-processing',
  );
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const task = await taskMessageFor(stack, OPERATOR, requestId);
  const opened = stack.slack.callsTo('views.open').length;
  await stack.client.click(OPERATOR, task, 'Cannot complete');
  const modal = await eventually(() => stack.slack.callsTo('views.open')[opened], 'decline modal');
  await stack.client.submitView(OPERATOR, modal.args.view as never, {
    reason: 'No integration user in this tenant yet',
  });
  await eventually(async () => (await stateOf(requestId)).status === 'failed', 'request ended');
  await eventually(
    () =>
      dmTexts(stack, REQUESTER).find(
        (t) => t.includes(requestId) && t.includes('No integration user in this tenant yet'),
      ),
    'requester told why',
  );
});

test('only the assigned operator can answer a task', async () => {
  const requestId = await requestKey(stack, 'request gotransverse ttl=1h purpose="Tax audit" apisets=tax-essentials');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const task = await taskMessageFor(stack, OPERATOR, requestId);
  await stack.client.click('UMALLORY', task, 'Submit key');
  await eventually(
    () => dmTexts(stack, 'UMALLORY').find((t) => t.includes('assigned to someone else')),
    'outsider refused',
  );
  expect((await stateOf(requestId)).status).toBe('provisioning');
});

test('/keys pending lists the tasks and approvals waiting on each person', async () => {
  const taskRequest = await requestKey(stack, 'request gotransverse ttl=1h purpose="Currex rates" apisets=Currex');
  await stack.client.click('UALICE', await approvalMessage(stack, taskRequest), 'Approve');
  await taskMessageFor(stack, OPERATOR, taskRequest);
  const approvalRequest = await requestKey(
    stack,
    'request gotransverse ttl=1h purpose="Pending approval" apisets=Billing',
  );
  await approvalMessage(stack, approvalRequest);

  // Visibility is eventually consistent: ask again until the listing catches up.
  const pendingText = async (user: string) => {
    const before = stack.slack.callsTo('response_url').length;
    await stack.client.command(user, 'pending');
    const reply = await eventually(() => stack.slack.callsTo('response_url')[before], 'pending reply');
    return String(reply.args.text);
  };
  const operatorView = await eventually(async () => {
    const text = await pendingText(OPERATOR);
    return text.includes(taskRequest) ? text : undefined;
  }, 'operator sees the task');
  expect(operatorView).toContain('Generate the API key in Gotransverse');
  expect(operatorView).not.toContain(approvalRequest);
  const approverView = await eventually(async () => {
    const text = await pendingText('UBOB');
    return text.includes(approvalRequest) ? text : undefined;
  }, 'approver sees the approval');
  expect(approverView).toContain('approval requested');
  expect(await pendingText('UNOBODY')).toBe('Nothing is waiting on you.');
});
