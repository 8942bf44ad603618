/**
 * What the chaos suite's fuzz (`chaos/r6-fuzz.ts`) found, kept as stories: a click or a form no feature listens
 * for (a button from an older version, a tampered action or callback id) is answered at once with what to do,
 * instead of being left to Bolt's 3 s timeout and Slack's error; a typed word that names a property of every
 * JavaScript object is just an unknown command.
 */
import type { ViewPayload } from '../support/slack-client';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

test('a button no feature knows is answered: out of date, nothing changed', async () => {
  const before = stack.slack.callsTo('response_url').length;
  const message = {
    channel: 'CAPPROVALS',
    ts: '1700000000.000100',
    blocks: [
      {
        type: 'actions',
        block_id: 'b1',
        elements: [{ type: 'button', action_id: 'retired_action', value: 'x', text: { text: 'Old' } }],
      },
    ],
  };
  const res = await stack.client.click('UALICE', message, 'Old');
  expect(res.status).toBe(200);
  const answer = await eventually(() => stack.slack.callsTo('response_url')[before], 'an answer');
  expect(String(answer.args.text)).toContain('That button is out of date');
});

test('a form no feature knows is answered with a view saying it is out of date', async () => {
  const view: ViewPayload = { callback_id: 'retired_modal', private_metadata: '', blocks: [] };
  const res = await stack.client.submitView('UALICE', view, {});
  expect(res.status).toBe(200);
  expect(res.json()).toMatchObject({ response_action: 'update' });
  expect(res.body).toContain('This form is out of date');
});

test.each(['__proto__ x', 'constructor y', 'toString'])(
  '`/keys %s` is an unknown command, said plainly',
  async (text) => {
    const res = await stack.client.command('UREQ', text);
    expect(res.status).toBe(200);
    const answer = String(res.json().text);
    expect(answer).toContain('is not a /keys command');
    expect(answer).not.toContain('[object Object]');
  },
);
