/**
 * Things that go wrong around a request: nobody decides in time; the requester is not in the channel they asked
 * from; Slack rate-limits; the worker dies while the key is being created.
 */
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import {
  approvalMessage,
  dmsTo,
  ephemeralsTo,
  messageText,
  REQUESTER,
  requestKey,
  revealSecret,
  requestState,
} from '../support/flows';
import { REQUEST_CHANNEL, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ pendingTimeout: '4s' });
});
afterAll(() => stack.stop());

const stateOf = (requestId: string) => requestState(stack, requestId);
const offers = () =>
  ephemeralsTo(stack, REQUESTER).filter((c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes('reveal:'));

test('an undecided request expires after the pending timeout and the requester is told', async () => {
  const requestId = await requestKey(stack);
  const message = await approvalMessage(stack, requestId);
  await eventually(
    () => dmsTo(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('expired before anyone decided')),
    'expiry notice',
    30_000,
  );
  expect(messageText(stack, message)).toContain('Expired without a decision');
  expect(messageText(stack, message)).not.toContain('"Approve"');
  await stack.client.click('UALICE', structuredClone(message), 'Approve', { stale: true }).catch(() => undefined);
  expect((await stateOf(requestId)).status).toBe('expired');
});

test('delivery falls back to an ephemeral in the DM when the requester is not in the channel', async () => {
  stack.slack.notInChannel.add(`${REQUEST_CHANNEL}/${REQUESTER}`);
  try {
    const requestId = await requestKey(stack);
    const before = offers().length;
    stack.slack.failNext('chat.update', 'ratelimited', { retryAfterSeconds: 1 });
    await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
    await eventually(async () => (await stateOf(requestId)).status === 'delivered', 'delivered');
    await eventually(() => offers().length > before, 'offer');
    expect(
      offers()
        .slice(before)
        .map((c) => c.args.channel),
    ).toEqual([`D${REQUESTER}`]);
    expect(decodeNetosecret(await revealSecret(stack, requestId)).appname).toBe(`keywarden-${requestId}`);
    expect(
      stack.slack
        .callsTo('chat.postEphemeral')
        .some((c) => c.args.channel === REQUEST_CHANNEL && c.args.user === REQUESTER),
    ).toBe(true);
  } finally {
    stack.slack.notInChannel.clear();
  }
});

test('a worker that dies while the key is being created is replaced and exactly one key exists', async () => {
  const requestId = await requestKey(stack);
  const appname = `keywarden-${requestId}`;
  // Hold the create call long enough to kill the worker while it is in flight; the vendor still creates the key.
  stack.vectra.http.inject({ method: 'POST', path: '/api/v1/api-keys', delayMs: 3_000 });
  const creates = () =>
    stack.vectra.http.received.filter((c) => c.method === 'POST' && c.path === '/api/v1/api-keys').length;
  const createsBefore = creates();
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  await eventually(() => creates() > createsBefore, 'create call in flight');
  await stack.stopWorker();
  await eventually(() => stack.vectra.listKeys().some((k) => k.appname === appname), 'vendor finished creating');

  await stack.startWorker();
  await eventually(async () => (await stateOf(requestId)).status === 'delivered', 'delivered after restart', 90_000);
  expect(stack.vectra.listKeys().filter((k) => k.appname === appname)).toHaveLength(1);
  const netosecret = await revealSecret(stack, requestId);
  expect(offers().filter((c) => JSON.stringify(c.args.blocks).includes(`reveal:${requestId}`))).toHaveLength(1);
  // The delivered secret is the live one: the appkey lost with the dead worker was regenerated away.
  const live = decodeNetosecret(netosecret);
  expect(live.appname).toBe(appname);
  await expect(new VectraFusionClient(live.url).exchangeToken(live)).resolves.toBeDefined();
});
