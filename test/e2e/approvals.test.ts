/**
 * Who may decide, and what every other click gets: denial with a reason, refusals for outsiders, for the
 * requester, for second clicks and for clicks after the decision; none of them change anything.
 */
import type { ViewPayload } from '../support/slack-client';
import {
  approvalMessage,
  dmsTo,
  ephemeralsTo,
  messageText,
  REQUESTER,
  requestKey,
  requestState,
} from '../support/flows';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ approvers: ['UALICE', 'UBOB', REQUESTER] });
});
afterAll(() => stack.stop());

const stateOf = (requestId: string) => requestState(stack, requestId);
const refusalsTo = (user: string) => ephemeralsTo(stack, user).map((c) => String(c.args.text));

async function openedDenyModal(): Promise<ViewPayload> {
  const opened = await eventually(
    () => stack.slack.callsTo('views.open').find((c) => JSON.stringify(c.args.view).includes('deny_modal')),
    'deny modal',
  );
  stack.slack.calls.splice(stack.slack.calls.indexOf(opened), 1);
  return opened.args.view as ViewPayload;
}

test('deny asks for a reason, updates the message in place and tells the requester why', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  await stack.client.click('UBOB', message, 'Deny');
  const modal = await openedDenyModal();

  const empty = await stack.client.submitView('UBOB', modal, { reason: '   ' });
  expect(empty.json()).toMatchObject({
    response_action: 'errors',
    errors: { reason: expect.stringContaining('reason') },
  });
  expect((await stateOf(requestId)).status).toBe('pending');

  await stack.client.submitView('UBOB', modal, { reason: 'Use the shared SIEM key instead' });
  await eventually(() => messageText(stack, message).includes('Denied by <@UBOB>'), 'message shows the denial');
  expect(messageText(stack, message)).toContain('Use the shared SIEM key instead');
  expect(messageText(stack, message)).not.toContain('"Approve"');
  await eventually(
    () => dmsTo(stack, REQUESTER).find((t) => t.includes('denied') && t.includes('Use the shared SIEM key instead')),
    'requester told',
  );
  expect(stack.vectra.listKeys().some((k) => k.appname.includes(requestId))).toBe(false);
});

test('someone who is not an approver is refused privately and nothing changes', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  const before = messageText(stack, message);
  await stack.client.click('UMALLORY', message, 'Approve');
  await eventually(() => refusalsTo('UMALLORY').find((t) => t.includes('Only the approvers')), 'refusal for outsider');
  await stack.client.click('UMALLORY', message, 'Deny');
  await eventually(
    () => refusalsTo('UMALLORY').filter((t) => t.includes('Only the approvers')).length === 2,
    'deny refused too',
  );
  expect(
    stack.slack.callsTo('views.open').some((c) => c.args.trigger_id && JSON.stringify(c.args.view).includes(requestId)),
  ).toBe(false);
  expect((await stateOf(requestId)).decisions).toEqual([]);
  expect(messageText(stack, message)).toBe(before);
});

test('the requester cannot approve their own request, even when they are an approver', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  await stack.client.click(REQUESTER, message, 'Approve');
  await eventually(() => refusalsTo(REQUESTER).find((t) => t.includes('your own request')), 'self-approval refused');
  expect((await stateOf(requestId)).status).toBe('pending');
});

test('a double click creates one key; clicks after the decision are refused', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  const asFirstSeen = structuredClone(message);
  await Promise.all([
    stack.client.click('UALICE', message, 'Approve'),
    stack.client.click('UALICE', message, 'Approve'),
  ]);
  await eventually(() => refusalsTo('UALICE').find((t) => t.includes('already')), 'second click refused');
  await eventually(async () => (await stateOf(requestId)).status === 'delivered', 'delivery');
  expect((await stateOf(requestId)).decisions).toHaveLength(1);
  expect(stack.vectra.listKeys().filter((k) => k.appname === `keywarden-${requestId}`)).toHaveLength(1);

  await stack.client.click('UBOB', asFirstSeen, 'Approve', { stale: true });
  await eventually(() => refusalsTo('UBOB').find((t) => t.includes('already approved')), 'late click refused');
});
