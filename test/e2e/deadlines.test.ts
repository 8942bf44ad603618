/**
 * Human steps that never finish: an invitation nobody accepts ends the request at its deadline, and a
 * revocation nobody carries out is escalated to the admins instead of failing silently.
 */
import { credentialStateQuery, requestStateQuery } from '../../workflows/messages';
import {
  approvalMessage,
  clickReveal,
  deliveryOffer,
  dmTexts,
  REQUESTER,
  requestKey,
  revealSecret,
  submitTaskSecret,
  taskMessageFor,
} from '../support/flows';
import { APPROVAL_CHANNEL, OPERATOR, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ remindEvery: '2s', deadline: '6s', revealWithin: '3s' });
});
afterAll(() => stack.stop());

test('an invitation that is never accepted ends the request at the deadline, after reminders', async () => {
  const requestId = await requestKey(stack, 'request automox email=ghost@acme.test ttl=1h purpose="Never accepted"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const state = await eventually(
    async () => {
      const s = await stack.temporal.workflow.getHandle(`request-${requestId}`).query(requestStateQuery);
      return s.status === 'failed' ? s : undefined;
    },
    'request ended at the deadline',
    30_000,
  );
  expect(state.failure).toMatch(/deadline/);
  const told = () => dmTexts(stack, REQUESTER).filter((t) => t.includes(requestId));
  await eventually(
    () => told().find((t) => t.includes('could not be completed') && t.includes('deadline')),
    'requester told',
  );
  expect(told().some((t) => t.includes('waiting'))).toBe(true); // reminded at least once before
});

test('a revocation the operator never carries out is escalated to the admins', async () => {
  const requestId = await requestKey(stack, 'request gotransverse ttl=8s purpose="Short-lived" apisets=Billing');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  stack.gotransverse.createUser('integration-2', { authorities: ['Manage User API Key'] });
  const key = stack.gotransverse.generateKey('integration-2', { name: `keywarden-${requestId}`, apisets: ['billing'] });
  await submitTaskSecret(stack, OPERATOR, await taskMessageFor(stack, OPERATOR, requestId), key);

  expect(await revealSecret(stack, requestId)).toBe(key);

  // At expiry the operator is asked to delete the key; they click Done without doing it, then go quiet.
  const revokeTask = await taskMessageFor(stack, OPERATOR, requestId, 'Done');
  await stack.client.click(OPERATOR, revokeTask, 'Done');
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
  expect(String(alert.args.text)).toContain('<@UADMIN>');
  // The alert is posted from inside the revocation; the status is settled right after it.
  const credential = stack.temporal.workflow.getHandle(`credential-${requestId}`);
  await eventually(
    async () => (await credential.query(credentialStateQuery)).status === 'revoke_unverified',
    'credential marked revoke_unverified',
  );
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('could not confirm')),
    'owner told',
  );
  expect(String(alert.args.text)).not.toContain(key);
});

test('a delivered key nobody reveals is revoked unseen, and the requester is told to ask again', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Never revealed"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  await deliveryOffer(stack, requestId);
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('never revealed')),
    'requester told',
    30_000,
  );
  expect(stack.vectra.listKeys().some((k) => k.appname === `keywarden-${requestId}`)).toBe(false);
  const late = await clickReveal(stack, requestId);
  expect(String(late.args.text)).toMatch(/no longer available|not revealed in time/);
  expect(JSON.stringify(late.args)).not.toContain('```');
});
