/**
 * Approval policies from `keywarden.yaml`, per vendor and role: N-of-M quorum, approver groups read from Slack
 * when someone clicks, self-approval where allowed, auto-approval, reminders and escalation, per-policy limits
 * and who may request. Real Temporal server, signed Slack requests, wire fakes.
 */
import {
  approvalMessage,
  dmsTo,
  ephemeralsTo,
  messageText,
  REQUESTER,
  requestKey,
  requestState,
  taskMessageFor,
  threadTexts,
} from '../support/flows';
import { APPROVAL_CHANNEL, OPERATOR, startStack, type Stack, type StackOptions } from '../support/stack';
import { eventually } from '../support/wait';
import { requestIdFor } from '../../slack/requests/start';
import { timelineQuery } from '../../workflows/messages';

const SECURITY = 'SSECURITY';
const FINANCE_CHANNEL = 'CFINANCE';
const FINANCE_OPERATOR = 'UFINOPS';
const SOC = 'SSOC';

const OPTIONS: StackOptions = {
  approvers: ['UALICE', 'UBOB', 'UCAROL'],
  approvals: ['approvals_required: 2'],
  groups: { [SECURITY]: ['UDAVE'], [SOC]: ['USOC'] },
  policies: [
    '  - vendor: automox',
    `    approvals: { approvers: [${SECURITY}], approvals_required: 1, auto_approve: [${SOC}] }`,
    '  - vendor: gotransverse',
    `    approvals: { channel: ${FINANCE_CHANNEL}, approvers: [${REQUESTER}], approvals_required: 1, allow_self_approval: true }`,
    '    credentials: { max_ttl: 1d, default_ttl: 12h }',
    `    operator: { users: [${FINANCE_OPERATOR}] }`,
    '  - vendor: ncentral',
    `    requesters: [${REQUESTER}, ${SOC}]`,
    '    approvals:',
    '      approvers: [UALICE, UBOB]',
    '      approvals_required: 1',
    '      pending_timeout: 9s',
    '      remind_every: 2s',
    '      escalate_after: 5s',
    '      escalate_to: [UADMIN]',
  ].join('\n'),
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(OPTIONS);
});
afterAll(() => stack.stop());

const textsTo = (user: string) => ephemeralsTo(stack, user).map((c) => String(c.args.text));
/** `/keys pending` as `user` sees it now. */
async function pendingText(user: string): Promise<string> {
  const before = stack.slack.callsTo('response_url').length;
  await stack.client.command(user, 'pending');
  const answer = await eventually(() => stack.slack.callsTo('response_url')[before], `/keys pending for ${user}`);
  return String(answer.args.text);
}

const timeline = (requestId: string) => stack.temporal.workflow.getHandle(`request-${requestId}`).query(timelineQuery);

test('two of three approvers must agree; a repeated vote is refused; the message shows who approved, x of N', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  expect(messageText(stack, message)).toContain('0 of 2');

  await stack.client.click('UALICE', message, 'Approve');
  await eventually(() => messageText(stack, message).includes('1 of 2') || undefined, 'message shows 1 of 2');
  expect(messageText(stack, message)).toContain('<@UALICE>');
  expect((await requestState(stack, requestId)).status).toBe('pending');

  await stack.client.click('UALICE', message, 'Approve');
  await eventually(() => textsTo('UALICE').find((t) => t.includes('already recorded')), 'duplicate vote refused');
  expect((await requestState(stack, requestId)).decisions).toHaveLength(1);
  // Alice has voted: the request now waits on the others only.
  await eventually(async () => !(await pendingText('UALICE')).includes(requestId), 'gone from Alice’s pending');
  expect(await pendingText('UBOB')).toContain(requestId);

  await stack.client.click('UCAROL', message, 'Approve');
  await eventually(async () => (await requestState(stack, requestId)).status === 'delivered' || undefined, 'delivered');
  await eventually(() => messageText(stack, message).includes('Delivered') || undefined, 'message shows delivery');
  expect(messageText(stack, message)).toContain('Approved by <@UCAROL>');

  const notes = await threadTexts(stack, requestId);
  expect(notes).toEqual(
    expect.arrayContaining([
      expect.stringContaining('Approved by <@UALICE>: 1 of 2'),
      expect.stringContaining('Approved by <@UCAROL>: 2 of 2'),
      expect.stringContaining('Creating the key'),
      expect.stringContaining('Key delivered privately'),
    ]),
  );
  const events = (await timeline(requestId)).map((e) => e.event);
  expect(events).toEqual([
    'request.submitted',
    'request.approval',
    'request.approval',
    'request.approved',
    'credential.delivered',
  ]);
});

test('approver groups are read when someone clicks: joining the group counts, leaving it stops counting', async () => {
  const requestId = await requestKey(stack, 'request automox integration=siem purpose="Patch report"');
  const message = await approvalMessage(stack, requestId);
  expect(messageText(stack, message)).toContain(`<!subteam^${SECURITY}>`);

  await stack.client.click('UERIN', message, 'Approve');
  await eventually(() => textsTo('UERIN').find((t) => t.includes('Only the approvers')), 'outsider refused');

  // Mid-request, Erin joins the security group and Dave leaves it.
  stack.slack.groups.set(SECURITY, ['UERIN']);
  const denyModals = () =>
    stack.slack.callsTo('views.open').filter((c) => JSON.stringify(c.args).includes('deny_modal'));
  const modalsBefore = denyModals().length;
  await stack.client.click('UDAVE', message, 'Deny');
  await eventually(() => textsTo('UDAVE').find((t) => t.includes('Only the approvers')), 'former member refused');
  // Refused before being asked for a reason: no deny form was opened.
  expect(denyModals()).toHaveLength(modalsBefore);

  await stack.client.click('UERIN', message, 'Approve');
  await eventually(async () => (await requestState(stack, requestId)).status === 'delivered' || undefined, 'delivered');
  const [decision] = (await requestState(stack, requestId)).decisions;
  expect(decision).toMatchObject({ kind: 'approve', userId: 'UERIN', viaGroup: SECURITY });
  const notes = await threadTexts(stack, requestId);
  expect(notes.join('\n')).toContain(`as a member of <!subteam^${SECURITY}>`);
  stack.slack.groups.set(SECURITY, ['UDAVE']);
});

test('a request nobody else could approve is refused at once instead of waiting for no one', async () => {
  const triggerId = 'trigger-nobody-else';
  const res = await stack.client.command('UDAVE', 'request automox integration=siem purpose="Own report"', {
    triggerId,
  });
  expect(res.status).toBe(200);
  // Decided before the acknowledgement: the refusal is the answer itself.
  const answer = String(res.json().text);
  expect(answer).toContain('needs 1 approval');
  expect(answer).toContain('other than you');
  expect(answer).toContain('nothing was started');
  await expect(requestState(stack, requestIdFor(triggerId))).rejects.toThrow();
});

test('the policy approves the SOC group without an approver, and says so in the channel and the timeline', async () => {
  const requestId = await requestKey(stack, 'request automox integration=backup purpose="SOC dashboards"', 'USOC');
  await eventually(async () => (await requestState(stack, requestId)).status === 'delivered' || undefined, 'delivered');
  const message = await approvalMessage(stack, requestId);
  expect(messageText(stack, message)).toContain(`Approved by policy: requests from <!subteam^${SOC}>`);
  expect(messageText(stack, message)).not.toContain('"Approve"');
  expect((await requestState(stack, requestId)).decisions).toEqual([]);
  const events = await timeline(requestId);
  expect(events.find((e) => e.event === 'request.auto_approved')).toMatchObject({ people: [SOC] });
  expect(stack.logs.some((l) => l.includes('"event":"request.auto_approved"') && l.includes(requestId))).toBe(true);
});

test('self-approval counts where the policy allows it; the policy channel and operator are used', async () => {
  const requestId = await requestKey(stack, 'request gotransverse purpose="Own export" apisets=Billing');
  const message = await approvalMessage(stack, requestId, FINANCE_CHANNEL);
  await stack.client.click(REQUESTER, message, 'Approve');
  await eventually(
    async () => (await requestState(stack, requestId)).status === 'provisioning' || undefined,
    'approved by the requester',
  );
  // The policy's operator gets the task, not the vendor's.
  await taskMessageFor(stack, FINANCE_OPERATOR, requestId);
  expect(stack.slack.channelMessages(APPROVAL_CHANNEL).some((m) => JSON.stringify(m.blocks).includes(requestId))).toBe(
    false,
  );
  expect(
    [...stack.slack.messages.values()].some(
      (m) => m.channel === `D${OPERATOR}` && JSON.stringify(m.blocks).includes(requestId),
    ),
  ).toBe(false);
});

test('an undecided request is reminded in its thread, escalated once, then expires', async () => {
  const requestId = await requestKey(stack, 'request ncentral purpose="Device inventory"');
  await eventually(async () => (await requestState(stack, requestId)).status === 'expired' || undefined, 'expired');
  // The thread note is posted just after the status changes: wait for it rather than race it.
  const notes = await eventually(async () => {
    const texts = await threadTexts(stack, requestId);
    return texts.some((n) => n.includes('Expired')) && texts;
  }, 'the expiry noted in the thread');
  expect(notes.filter((n) => n.includes('Still waiting for 1 more approval')).length).toBeGreaterThanOrEqual(2);
  expect(notes.filter((n) => n.includes('escalated to <@UADMIN>'))).toHaveLength(1);
  expect(dmsTo(stack, 'UADMIN').some((t) => t.includes(requestId) && t.includes('escalation contact'))).toBe(true);
  const events = (await timeline(requestId)).map((e) => e.event);
  expect(events).toEqual(expect.arrayContaining(['request.reminded', 'request.escalated', 'request.expired']));
});

test('limits and requesters come from the policy of the vendor asked for', async () => {
  const tooLong = await stack.client.command(REQUESTER, 'request gotransverse ttl=2d purpose="x" apisets=Billing');
  expect(String(tooLong.json().text)).toContain('over the maximum of 1 day for Gotransverse');

  const outsider = await stack.client.command('UZED', 'request ncentral purpose="Inventory"');
  expect(String(outsider.json().text)).toContain('not among the people allowed to request N-able N-central');

  await stack.client.command('UZED', 'vendors');
  const vendors = await eventually(
    () => stack.slack.callsTo('response_url').find((c) => String(c.args.text).includes('Vendors you can request')),
    '/keys vendors answer',
  );
  const text = String(vendors.args.text);
  expect(text).toContain('Vectra Fusion');
  expect(text).toContain('2 approvals from <@UALICE>, <@UBOB>, <@UCAROL>');
  expect(text).toContain(`none needed for <!subteam^${SOC}>`);
  expect(text).toContain('up to 1 day');
  expect(text).not.toContain('N-central');
});

test('a policy change applies to new requests; a running request keeps the policy it started with', async () => {
  const running = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Before the change"');
  const message = await approvalMessage(stack, running);
  await stack.client.click('UALICE', message, 'Approve');
  await eventually(() => messageText(stack, message).includes('1 of 2') || undefined, '1 of 2');

  // An admin lowers the quorum to one and restarts Keywarden.
  await stack.reconfigure({ ...OPTIONS, approvals: ['approvals_required: 1'] });

  expect((await requestState(stack, running)).status).toBe('pending');
  await stack.client.click('UBOB', message, 'Approve');
  await eventually(async () => (await requestState(stack, running)).status === 'delivered' || undefined, 'delivered');
  expect((await requestState(stack, running)).decisions.map((d) => d.userId)).toEqual(['UALICE', 'UBOB']);

  const fresh = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="After the change"');
  const freshMessage = await approvalMessage(stack, fresh);
  expect(messageText(stack, freshMessage)).toContain('0 of 1');
  await stack.client.click('UCAROL', freshMessage, 'Approve');
  await eventually(async () => (await requestState(stack, fresh)).status === 'delivered' || undefined, 'delivered');
});
