/**
 * One acknowledgement rule for every listener: nothing unbounded before `ack()`, and "received" only once the
 * work is recorded. Told per listener, against a Temporal that does not answer (a second bot whose Temporal
 * address accepts connections and never replies) and a stopped worker (updates wait for a workflow handler).
 * Slack allows 3 seconds and Bolt answers 404 to a request not acknowledged by then, so a 200 with the expected
 * text is the listener keeping its bound.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { Writable } from 'node:stream';
import { Sealer } from '../../secrets/sealing';
import { createLogger } from '../../server/logger';
import { createSlackBot, type SlackBot } from '../../slack/app';
import { createBotContext } from '../../slack/context';
import type { SlackBlock, StoredMessage } from '../support/fake-slack';
import { approvalMessage, deliveryOffer, REQUESTER, requestKey } from '../support/flows';
import { SignedSlackClient, type BotResponse, type ViewPayload } from '../support/slack-client';
import { SIGNING_SECRET, startStack, type Stack } from '../support/stack';
import { APPROVE_ACTION, DENY_ACTION } from '../../slack/views/approval';
import { DENY_MODAL } from '../../slack/views/deny-modal';
import { REVEAL_ACTION } from '../../slack/views/delivery';
import { REVOKE_ACTION } from '../../slack/views/home';
import { EXTEND_ACTION, EXTEND_MODAL, LET_EXPIRE_ACTION, ROTATE_ACTION } from '../../slack/views/reminder';
import { REQUEST_MODAL } from '../../slack/views/request-modal';
import {
  TASK_DECLINE_ACTION,
  TASK_DECLINE_MODAL,
  TASK_DONE_ACTION,
  TASK_SECRET_MODAL,
  TASK_SUBMIT_ACTION,
} from '../../slack/views/task';
import { eventually } from '../support/wait';

let stack: Stack;
let silent: {
  client: SignedSlackClient;
  bot: SlackBot;
  connection: Connection;
  server: Server;
  sockets: Set<Socket>;
};

/** A TCP server that accepts every connection and never says a word: a Temporal that does not answer. */
async function blackHole(): Promise<{ server: Server; sockets: Set<Socket>; address: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, sockets, address: `127.0.0.1:${port}` };
}

beforeAll(async () => {
  stack = await startStack();
  const hole = await blackHole();
  // No retry interceptor: calls simply wait for an answer that never comes, until the connection is closed.
  const connection = Connection.lazy({ address: hole.address, interceptors: [] });
  const temporal = new Client({ connection });
  const logger = createLogger('info', new Writable({ write: (_chunk, _enc, done) => done() }));
  const ctx = createBotContext(stack.config, temporal, logger, new Sealer(stack.config.sealingKeys ?? []), {
    groupCacheMs: 0,
    bounds: { stillWorkingMs: 300 },
  });
  const bot = createSlackBot(stack.config.slack, ctx);
  const port = await bot.start();
  const client = new SignedSlackClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, stack.slack);
  silent = { client, bot, connection, ...hole };
});

afterAll(async () => {
  await silent.bot.stop();
  // Calls still waiting on the silent Temporal end here (their listeners answered long ago).
  await silent.connection.close();
  for (const socket of silent.sockets) socket.destroy();
  await new Promise((resolve) => silent.server.close(resolve));
  await stack.stop();
});

/** A message holding one button, as the bot would have posted it (or as an old or tampered one looks). */
function messageWith(actionId: string, label: string, value: string, channel = 'CAPPROVALS'): StoredMessage {
  const button = { type: 'button', action_id: actionId, value, text: { text: label } };
  return { channel, ts: '1700000000.000100', blocks: [{ type: 'actions', block_id: 'b1', elements: [button] }] };
}

/** Everything said privately to anyone after call number `from`: response_url answers, ephemerals, DMs. */
function privateTextsSince(from: number): string[] {
  return stack.slack.calls
    .slice(from)
    .filter((c) => ['response_url', 'chat.postEphemeral', 'chat.postMessage'].includes(c.method))
    .map((c) => String(c.args.text));
}

function expectAcknowledged(res: BotResponse): void {
  expect(res.status).toBe(200);
  expect(res.body).not.toMatch(/\bat \w+ \(|Error:/);
}

describe('a Temporal that does not answer', () => {
  test('/keys request acknowledges within its bound and says the request was NOT recorded', async () => {
    const res = await silent.client.command(REQUESTER, 'request vectra role=readonly ttl=1d purpose="Unheard"');
    expectAcknowledged(res);
    const text = String(res.json().text);
    expect(text).toContain('NOT recorded');
    expect(text).toContain('Try again in a minute');
    expect(text).not.toContain('received');
  });

  test('the request modal stays open and says the request was NOT recorded', async () => {
    await silent.client.command(REQUESTER, 'request vectra', { triggerId: 'trigger-silent-modal' });
    const opened = await eventually(
      () => stack.slack.callsTo('views.open').find((c) => c.args.trigger_id === 'trigger-silent-modal'),
      'modal opened',
    );
    const res = await silent.client.submitView(REQUESTER, opened.args.view as ViewPayload, {
      vendor: 'vectra',
      role: 'readonly',
      ttl: '1d',
      purpose: 'Unheard form',
    });
    expectAcknowledged(res);
    expect(res.json()).toMatchObject({
      response_action: 'errors',
      errors: { purpose: expect.stringContaining('NOT recorded') },
    });
  });

  test.each(['revoke k7m2q9xd4a', 'rotate k7m2q9xd4a', 'extend k7m2q9xd4a 1d'])(
    '/keys %s acknowledges within its bound with "working on it"',
    async (text) => {
      const res = await silent.client.command(REQUESTER, text);
      expectAcknowledged(res);
      expect(String(res.json().text)).toContain('Working on it');
    },
  );

  test.each([
    [REVEAL_ACTION, 'Reveal', JSON.stringify({ credentialId: 'k7m2q9xd4a', generationId: 'k7m2q9xd4a' })],
    [ROTATE_ACTION, 'Rotate now', 'k7m2q9xd4a'],
    [LET_EXPIRE_ACTION, 'Let it expire', 'k7m2q9xd4a'],
    [APPROVE_ACTION, 'Approve', 'request-k7m2q9xd4a'],
    [
      TASK_DONE_ACTION,
      'Done',
      JSON.stringify({
        workflowId: 'request-k7m2q9xd4a',
        taskId: 't1',
        requestId: 'k7m2q9xd4a',
        credentialId: 'k7m2q9xd4a',
      }),
    ],
  ])(
    'a %s click is acknowledged at once and the clicker told it is still being worked on',
    async (id, label, value) => {
      const from = stack.slack.calls.length;
      const res = await silent.client.click('UALICE', messageWith(id, label, value), label, { stale: true });
      expectAcknowledged(res);
      expect(res.body).toBe('');
      await eventually(() => privateTextsSince(from).find((t) => t.includes('still')), 'still working note');
    },
  );
});

test('a revoke the workflow cannot answer yet: "working on it" at once, the outcome once the worker is back', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1d purpose="Slow revoke"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  await deliveryOffer(stack, requestId);
  await stack.stopWorker();
  let workerBack = false;
  try {
    const from = stack.slack.callsTo('response_url').length;
    const res = await stack.client.command(REQUESTER, `revoke ${requestId}`);
    expectAcknowledged(res);
    expect(String(res.json().text)).toContain('Working on it');
    await stack.startWorker();
    workerBack = true;
    const answer = await eventually(() => stack.slack.callsTo('response_url')[from], 'revoke answer');
    expect(String(answer.args.text)).toContain('Revoking it now');
  } finally {
    if (!workerBack) await stack.startWorker();
  }
});

const TASK_HANDLE_MISSING_FIELDS = JSON.stringify({ workflowId: 'request-k7m2q9xd4a', taskId: 't1' });

test.each([
  [APPROVE_ACTION, 'Approve', 'not-a-workflow'],
  [DENY_ACTION, 'Deny', ''],
  [REVEAL_ACTION, 'Reveal', '{"credentialId":'],
  [REVEAL_ACTION, 'Reveal', JSON.stringify({ credentialId: 'k7m2q9xd4a' })],
  [TASK_SUBMIT_ACTION, 'Submit key', TASK_HANDLE_MISSING_FIELDS],
  [TASK_DONE_ACTION, 'Done', '[]'],
  [TASK_DECLINE_ACTION, 'Cannot complete', 'null'],
  [ROTATE_ACTION, 'Rotate now', 'K7M2Q9XD4A; DROP'],
  [REVOKE_ACTION, 'Revoke', ''],
  [EXTEND_ACTION, 'Extend', '{"id":1}'],
])('a %s button whose value does not parse (%#) is answered "out of date", privately', async (id, label, value) => {
  const from = stack.slack.calls.length;
  const res = await stack.client.click(REQUESTER, messageWith(id, label, value, 'DUREQ'), label, { stale: true });
  expectAcknowledged(res);
  const answer = await eventually(
    () => stack.slack.calls.slice(from).find((c) => String(c.args.text).includes('out of date')),
    'out-of-date answer',
  );
  expect(['response_url', 'chat.postEphemeral']).toContain(answer.method);
  expect(stack.logs.join('\n')).not.toContain('unhandled Slack listener error');
});

/** An input block as the bot's modals have them. */
const input = (blockId: string): SlackBlock =>
  ({ type: 'input', block_id: blockId, element: { type: 'plain_text_input', action_id: 'value' } }) as SlackBlock;

test.each([
  [DENY_MODAL, 'reason', '{"workflowId":"request-x"}'],
  [TASK_SECRET_MODAL, 'secret', 'not json'],
  [TASK_DECLINE_MODAL, 'reason', '{}'],
  [EXTEND_MODAL, 'duration', '../../etc'],
  [REQUEST_MODAL, 'purpose', '{"requestId":"abc"}'],
])(
  'a %s form whose metadata does not parse keeps the form open and says it is out of date',
  async (callbackId, block, metadata) => {
    const view: ViewPayload = { callback_id: callbackId, private_metadata: metadata, blocks: [input(block)] };
    const res = await stack.client.submitView(REQUESTER, view, { [block]: 'something' });
    expectAcknowledged(res);
    expect(res.json()).toMatchObject({
      response_action: 'errors',
      errors: { [block]: expect.stringContaining('out of date') },
    });
  },
);
