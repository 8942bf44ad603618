/**
 * The command surface: every kind of bad input gets an ephemeral answer saying what is wrong and what is
 * allowed; missing fields open a modal that validates inline; a redelivered command starts nothing new; a request
 * is called received only once its workflow exists; and the HTTP endpoint refuses forged, stale and future-dated
 * requests.
 */
import { PUBLIC_METHODS } from '../support/fake-slack';
import type { ViewPayload } from '../support/slack-client';
import { approvalMessage, ephemeralsTo, REQUESTER } from '../support/flows';
import { APPROVAL_CHANNEL, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ maxTtl: '90d' });
});
afterAll(() => stack.stop());

async function reply(text: string): Promise<string> {
  const res = await stack.client.command(REQUESTER, text);
  expect(res.status).toBe(200);
  const body = res.json();
  expect(body.response_type).toBe('ephemeral');
  return String(body.text);
}

test.each([
  [
    'request vectra role=readonly ttl=30d purpose="x" color=blue',
    ['Unknown field `color`', 'Allowed: role, ttl, purpose'],
  ],
  ['request acme role=readonly purpose="x"', ['Unknown vendor `acme`', '`vectra` (Vectra Fusion)']],
  ['request vectra role=admin purpose="x"', ['Role `admin` is not offered for Vectra Fusion', 'Allowed: readonly']],
  ['request vectra role=readonly ttl=soon purpose="x"', ['`soon` is not a duration', '30d']],
  ['request vectra role=readonly ttl=400d purpose="x"', ['over the maximum of 90 days']],
  ['request vectra role=readonly purpose="unclosed', ['quote is not closed']],
  ['request vectra role=readonly ttl=1d ttl=2d purpose="x"', ['`ttl` is given twice']],
  ['request vectra role=readonly purpose=SIEM ingestion', ['Only one vendor per request', 'need quotes']],
  [
    'request gotransverse ttl=1d purpose="x" apisets=Billing,Revenue-Management',
    ['Revenue Management is not offered here', 'choose from Billing'],
  ],
  ['request gotransverse ttl=1d purpose="x"', ['choose from']],
  ['request automox ttl=1d purpose="x" email=not-an-email', ['email']],
  ['rotate-everything', ['`rotate-everything` is not a /keys command', '/keys request']],
])('`/keys %s` is answered helpfully', async (text, expected) => {
  const answer = await reply(text);
  for (const fragment of expected) expect(answer).toContain(fragment);
  expect(answer).not.toMatch(/\bat \w+ \(|Error:/); // no stack traces
});

test.each([
  ['request <!channel> role=readonly purpose="x"', 'Unknown vendor `&lt;!channel&gt;`'],
  ['request vectra role=readonly ttl=<https://evil.example|soon> purpose="x"', '`&lt;https://evil.example|soon&gt;`'],
  ['extend abc <!here>', '`&lt;!here&gt;` is not a duration'],
  ['request vectra role=`x` purpose="y"', "Role `'x'` is not offered"],
])('`/keys %s` quotes what was typed without turning it into a mention or link', async (text, expected) => {
  const answer = await reply(text);
  expect(answer).toContain(expected);
  expect(answer).not.toMatch(/<[!@#]|<https?:/);
});

test('several problems are reported together', async () => {
  const answer = await reply('request vectra role=admin ttl=never purpose=" "');
  expect(answer).toContain('Role `admin`');
  expect(answer).toContain('`never` is not a duration');
  expect(answer).toContain('purpose is empty');
});

test('help lists the commands and vendors', async () => {
  const answer = await reply('help');
  expect(answer).toContain('/keys request');
  expect(answer).toContain('Vectra Fusion');
});

test('missing fields open a modal that validates inline and then submits the request', async () => {
  const res = await stack.client.command(REQUESTER, 'request vectra ttl=12h', { triggerId: 'trigger-modal-1' });
  expect(res.status).toBe(200);
  const opened = await eventually(
    () => stack.slack.callsTo('views.open').find((c) => c.args.trigger_id === 'trigger-modal-1'),
    'modal opened',
  );
  const view = opened.args.view as ViewPayload;
  expect(JSON.stringify(view)).toContain('12h');

  const invalid = await stack.client.submitView(REQUESTER, view, {
    vendor: 'vectra',
    role: 'readonly',
    ttl: '365d',
    purpose: 'Nightly export',
  });
  expect(invalid.json()).toMatchObject({
    response_action: 'errors',
    errors: { ttl: expect.stringContaining('maximum of 90 days') },
  });

  const valid = await stack.client.submitView(REQUESTER, view, {
    vendor: 'vectra',
    role: 'readonly',
    ttl: '12h',
    purpose: 'Nightly export',
  });
  expect(valid.status).toBe(200);
  expect(valid.body).toBe('');
  const confirmation = await eventually(
    () => ephemeralsTo(stack, REQUESTER).find((c) => String(c.args.text).includes('with the approvers')),
    'confirmation',
  );
  const requestId = /`([a-z0-9]+)`/.exec(String(confirmation.args.text))?.[1] ?? '';
  const message = await approvalMessage(stack, requestId);
  expect(JSON.stringify(message.blocks)).toContain('Nightly export');

  // Submitting the same modal again (a double submit) starts nothing new.
  await stack.client.submitView(REQUESTER, view, {
    vendor: 'vectra',
    role: 'readonly',
    ttl: '12h',
    purpose: 'Nightly export',
  });
  await eventually(
    () => ephemeralsTo(stack, REQUESTER).find((c) => String(c.args.text).includes('already under way')),
    'duplicate noticed',
  );
  expect(
    stack.slack.channelMessages(APPROVAL_CHANNEL).filter((m) => JSON.stringify(m.blocks).includes(requestId)),
  ).toHaveLength(1);
});

test('a redelivered slash command starts no second request', async () => {
  const body = stack.client.commandBody(REQUESTER, 'request vectra role=readonly ttl=1d purpose="Redelivery"', {
    triggerId: 'trigger-redelivered',
  });
  const first = await stack.client.post(body);
  const requestId = /`([a-z0-9]+)`/.exec(String(first.json().text))?.[1] ?? '';
  await approvalMessage(stack, requestId);
  const again = await stack.client.post(body);
  expect(String(again.json().text)).toContain('already under way');
  expect(
    stack.slack.channelMessages(APPROVAL_CHANNEL).filter((m) => JSON.stringify(m.blocks).includes(requestId)),
  ).toHaveLength(1);
});

test('a request is acknowledged as received only once its workflow exists', async () => {
  const res = await stack.client.command(REQUESTER, 'request vectra role=readonly ttl=1d purpose="Recorded first"');
  const text = String(res.json().text);
  expect(text).toContain('is with the approvers');
  const requestId = /Request `([a-z0-9]+)`/.exec(text)?.[1] ?? '';
  // No waiting: by the time the person reads "received", Temporal has the request.
  const description = await stack.temporal.workflow.getHandle(`request-${requestId}`).describe();
  expect(description.status.name).toBe('RUNNING');
});

test('forged signatures and stale timestamps are refused and start nothing', async () => {
  // Only this test's purpose counts: an earlier test's approval message may still be arriving.
  const forgedPosts = () =>
    stack.slack.calls.filter((c) => PUBLIC_METHODS.has(c.method) && JSON.stringify(c).includes('Forged')).length;
  const body = stack.client.commandBody(REQUESTER, 'request vectra role=readonly ttl=1d purpose="Forged"');
  const forged = await stack.client.post(body, { signature: `v0=${'0'.repeat(64)}` });
  expect(forged.status).toBe(401);
  const otherSecret = await stack.client.post(body, {
    signature: stack.client.sign(`${body}&tampered=1`, Math.floor(Date.now() / 1000)),
  });
  expect(otherSecret.status).toBe(401);
  const staleAt = Math.floor(Date.now() / 1000) - 10 * 60;
  const stale = await stack.client.post(body, { timestamp: staleAt, signature: stack.client.sign(body, staleAt) });
  expect(stale.status).toBe(401);
  expect(forgedPosts()).toBe(0);
});

test('a correctly signed request dated more than five minutes ahead is refused; a little ahead is accepted', async () => {
  const body = stack.client.commandBody(REQUESTER, 'help');
  const aheadAt = Math.floor(Date.now() / 1000) + 6 * 60;
  const ahead = await stack.client.post(body, { timestamp: aheadAt, signature: stack.client.sign(body, aheadAt) });
  // Refused before any listener runs: no help text comes back. (Counting Slack calls here would race the
  // workflows earlier tests left running.)
  expect(ahead.status).toBe(401);
  expect(ahead.body).not.toContain('/keys request');
  // Clocks differ a little; Slack's rule allows five minutes either way.
  const nearAt = Math.floor(Date.now() / 1000) + 60;
  const near = await stack.client.post(body, { timestamp: nearAt, signature: stack.client.sign(body, nearAt) });
  expect(near.status).toBe(200);
  expect(String(near.json().text)).toContain('/keys request');
});
