/**
 * The Slack surface beyond requesting: `/keys list`, `/keys status` (the audit timeline, still there after
 * expiry), `/keys pending` through approver groups, `/keys vendors`, App Home (published on open, acted on
 * from its buttons), the request modal's policy-aware choices and vendor-field validation, and usage answers
 * for malformed commands. Real Temporal server, signed Slack requests, wire fakes.
 */
import { AUDIT_RETENTION_DAYS } from '../../server/temporal/retention';
import type { ViewPayload } from '../support/slack-client';
import {
  approvalMessage,
  clickReveal,
  commandAnswer,
  REQUESTER,
  requestKey,
  requestState,
  revealSecret,
} from '../support/flows';
import { expectNoSecretLeaks } from '../support/hygiene';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

const SECURITY = 'SSECURITY';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    groups: { [SECURITY]: ['UGINA'] },
    policies: [
      '  - vendor: automox',
      `    approvals: { approvers: [${SECURITY}] }`,
      '  - vendor: ncentral',
      '    requesters: [UALICE]',
    ].join('\n'),
  });
});
afterAll(() => stack.stop());

/** Types `/keys <text>` and returns the answer, whether given in the acknowledgement or through response_url. */
const ask = (user: string, text: string): Promise<string> => commandAnswer(stack, user, text);

async function approve(requestId: string, approver = 'UALICE'): Promise<void> {
  await stack.client.click(approver, await approvalMessage(stack, requestId), 'Approve');
}

async function delivered(requestId: string): Promise<void> {
  await eventually(async () => (await requestState(stack, requestId)).status === 'delivered' || undefined, 'delivered');
}

test('/keys status tells the whole story of a request, even after its key has expired', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=5s purpose="Short audit"');
  await approve(requestId);
  await delivered(requestId);
  const secret = await revealSecret(stack, requestId);
  await clickReveal(stack, requestId); // a second reveal is refused
  await eventually(
    async () => (await ask(REQUESTER, `status ${requestId}`)).includes('credential.expired') || undefined,
    'expiry in the timeline',
  );
  const status = await ask(REQUESTER, `status ${requestId}`);
  const events = [...status.matchAll(/`([a-z_]+\.[a-z_]+)`/g)].map((m) => m[1]);
  expect(events).toEqual([
    'request.submitted',
    'request.approval',
    'request.approved',
    'credential.delivered',
    'credential.revealed',
    'credential.expired',
  ]);
  expect(status).toContain('key revoked');
  expect(status).toContain('by <@UALICE>');
  expect(status).toContain('Short audit');

  // An approver and an admin may read it; anyone else is told there is no such request.
  expect(await ask('UBOB', `status ${requestId}`)).toContain('request.approved');
  expect(await ask('UADMIN', `status ${requestId}`)).toContain('request.approved');
  expect(await ask('UZED', `status ${requestId}`)).toContain(`No request \`${requestId}\` that you can see`);
  // Each event is logged exactly once (never again on replay), and refusals are logged too.
  const logged = (event: string) =>
    stack.logs.filter((line) => line.includes(`"event":"${event}"`) && line.includes(requestId)).length;
  for (const event of ['request.submitted', 'request.approved', 'credential.revealed', 'credential.expired']) {
    expect(logged(event)).toBe(1);
  }
  expect(logged('credential.reveal_refused')).toBe(1);
  await expectNoSecretLeaks(stack, requestId, [secret]);
});

test('the embedded server keeps closed workflows for the audit period, so timelines outlive their keys', async () => {
  const described = await stack.temporal.connection.workflowService.describeNamespace({ namespace: 'default' });
  const days = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0) / 86_400;
  expect(days).toBeGreaterThanOrEqual(AUDIT_RETENTION_DAYS);
});

test('/keys list shows my keys and requests with status and expiry', async () => {
  const live = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Listing"', 'UHANK');
  await approve(live);
  await delivered(live);
  const waiting = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Second"', 'UHANK');
  await eventually(async () => {
    const list = await ask('UHANK', 'list');
    return list.includes(`\`${live}\` Vectra Fusion (readonly) · active · expires`) &&
      list.includes(`\`${waiting}\` Vectra Fusion (readonly) · waiting for approval`)
      ? list
      : undefined;
  }, 'both rows listed');
  expect(await ask('UNOBODY', 'list')).toContain('You have no keys or requests yet');
});

test('/keys pending finds approvals waiting on a group I belong to', async () => {
  const requestId = await requestKey(stack, 'request automox integration=siem purpose="Group pending"');
  await approvalMessage(stack, requestId);
  await eventually(
    async () => (await ask('UGINA', 'pending')).includes(`\`${requestId}\` (Automox): approval requested`) || undefined,
    'pending for the group member',
  );
  expect(await ask('UALICE', 'pending')).not.toContain(requestId);
});

test('App Home shows my keys and what waits on me, and revokes from its button', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Home"', 'UIVY');
  await approve(requestId);
  await delivered(requestId);
  await eventually(async () => {
    await stack.client.event({ type: 'app_home_opened', user: 'UIVY', channel: 'DUIVY', tab: 'home' });
    const home = JSON.stringify(stack.slack.homes.get('UIVY')?.blocks ?? []);
    return home.includes(`\`${requestId}\` Vectra Fusion (readonly) · active`) || undefined;
  }, 'App Home published with the key');
  expect(JSON.stringify(stack.slack.homes.get('UIVY'))).toContain('Nothing is waiting on you');

  const res = await stack.client.clickInHome('UIVY', `home:${requestId}`, 'Revoke');
  expect(res.status).toBe(200);
  await eventually(async () => {
    await stack.client.event({ type: 'app_home_opened', user: 'UIVY', channel: 'DUIVY', tab: 'home' });
    return JSON.stringify(stack.slack.homes.get('UIVY')).includes('· revoked') || undefined;
  }, 'App Home shows the key revoked');
  expect(stack.vectra.listKeys().some((k) => k.appname === `keywarden-${requestId}`)).toBe(false);
});

test('the modal offers only what policy allows me, with limits, and checks vendor fields inline', async () => {
  await stack.client.command('UZED', 'request', { triggerId: 'trigger-surface-modal' });
  const opened = await eventually(
    () => stack.slack.callsTo('views.open').find((c) => c.args.trigger_id === 'trigger-surface-modal'),
    'modal opened',
  );
  const view = opened.args.view as ViewPayload;
  const text = JSON.stringify(view);
  expect(text).not.toContain('"ncentral"');
  expect(text).toContain('Vectra Fusion up to 90 days');
  expect(view.blocks.some((b) => b.block_id === 'field:apisets')).toBe(true);

  const invalid = await stack.client.submitView('UZED', view, {
    vendor: 'gotransverse',
    role: 'read-only',
    ttl: '1d',
    purpose: 'Billing feed',
    'field:apisets': 'Billing,Astrology',
  });
  expect(invalid.json()).toMatchObject({
    response_action: 'errors',
    errors: { 'field:apisets': expect.stringContaining('Astrology') },
  });
  const wrongVendor = await stack.client.submitView('UZED', view, {
    vendor: 'vectra',
    role: 'readonly',
    ttl: '1d',
    purpose: 'Feed',
    'field:apisets': 'Billing',
  });
  expect(wrongVendor.json()).toMatchObject({
    response_action: 'errors',
    errors: { 'field:apisets': expect.stringContaining('Unknown field apisets.') },
  });
  // Choosing a vendor narrows the form to its roles, its limits and its fields.
  await stack.client.selectInView('UZED', view, 'vendor', 'gotransverse', { purpose: 'Billing feed' });
  const narrowed = await eventually(
    () =>
      stack.slack.callsTo('views.update').find((c) => JSON.stringify(c.args.view).includes('role_for_gotransverse')),
    'modal re-rendered for Gotransverse',
  );
  const narrowedView = narrowed.args.view as ViewPayload;
  const narrowedText = JSON.stringify(narrowedView);
  expect(narrowed.args.view_id).toBe('VMODAL');
  expect(narrowedText).toContain('Gotransverse up to 90 days');
  expect(narrowedText).not.toContain('Vectra Fusion up to');
  expect(narrowedText).toContain('Billing feed');
  expect(narrowedView.blocks.some((b) => b.block_id === 'field:apisets')).toBe(true);
  await stack.client.selectInView('UZED', view, 'vendor', 'vectra');
  const vectraView = await eventually(
    () => stack.slack.callsTo('views.update').find((c) => JSON.stringify(c.args.view).includes('role_for_vectra')),
    'modal re-rendered for Vectra',
  );
  expect((vectraView.args.view as ViewPayload).blocks.some((b) => b.block_id === 'field:apisets')).toBe(false);

  const notAllowed = await stack.client.submitView('UZED', view, {
    vendor: 'ncentral',
    role: 'read-only',
    ttl: '1d',
    purpose: 'Inventory',
  });
  expect(notAllowed.json()).toMatchObject({
    response_action: 'errors',
    errors: { role: expect.stringContaining('not among the people allowed') },
  });
});

test.each([
  ['frobnicate', 'is not a /keys command'],
  ['status', 'Usage: `/keys status <id>`'],
  ['status NOT-AN-ID', 'Usage: `/keys status <id>`'],
  ['status abcdefghij extra', 'Usage: `/keys status <id>`'],
  ['status abcdefghij', 'No request `abcdefghij` that you can see'],
  ['list mine', '`/keys list` takes nothing after it'],
  ['vendors all', '`/keys vendors` takes nothing after it'],
  ['pending now', '`/keys pending` takes nothing after it'],
  ['revoke', 'Usage: `/keys revoke <id>`'],
  ['extend abcdefghij', 'Usage: `/keys extend <id> <duration>`'],
  ['extend abcdefghij soon', '`soon` is not a duration'],
  ['rotate abcdefghij', 'No live credential `abcdefghij`'],
  ['status "unclosed', 'a quote is not closed'],
])('`/keys %s` answers with what to do', async (text, expected) => {
  const answer = await ask(REQUESTER, text);
  expect(answer).toContain(expected);
  expect(answer).not.toMatch(/Error:|at .*\.ts:\d+/);
});
