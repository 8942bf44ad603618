/**
 * Vectra Fusion through the whole stack, against the strict fake: least privilege (a broader key already under the
 * credential's appname is never delivered, nor touched) and a broken admin key reported once, with what to do.
 */
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import {
  approvalMessage,
  dmsTo,
  ephemeralsTo,
  REQUESTER,
  requestKey,
  requestState,
  threadTexts,
} from '../support/flows';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function failureOf(requestId: string): Promise<string> {
  await eventually(
    async () => (await requestState(stack, requestId)).status === 'failed',
    `request ${requestId} failed`,
  );
  return (await requestState(stack, requestId)).failure ?? '';
}

test('an admin key under the appname is never delivered to a readonly request, and is left untouched', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Dashboards"');
  const appname = `keywarden-${requestId}`;
  // Someone made a key with Keywarden's name for this request, with the admin role, before it was approved.
  const planted = decodeNetosecret(stack.vectra.issueNetosecret(appname, 'admin'));
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');

  const failure = await failureOf(requestId);
  expect(failure).toContain(`"${appname}" with role admin, not the requested readonly`);
  expect(failure).toContain('did not regenerate, change or hand out that key');

  // The requester is told and never offered a key; the approval thread (where the admins are) says what to do.
  await eventually(
    () => dmsTo(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('role admin')),
    'told',
  );
  expect(ephemeralsTo(stack, REQUESTER).some((c) => JSON.stringify(c.args.blocks ?? '').includes(requestId))).toBe(
    false,
  );
  await eventually(
    async () => (await threadTexts(stack, requestId)).find((t) => t.includes('did not regenerate, change or hand out')),
    'told in the approval thread',
  );
  // And the admins are called by name: only they can deal with the key someone planted.
  const alert = await eventually(
    () =>
      stack.slack
        .callsTo('chat.postMessage')
        .find((c) => String(c.args.text).includes('<@UADMIN>') && String(c.args.text).includes(requestId)),
    'admin alert',
  );
  expect(String(alert.args.text)).toContain('did not regenerate, change or hand out');

  // Untouched: still listed with its role, no call on its path, and its own netosecret still works.
  expect(stack.vectra.listKeys().filter((k) => k.appname === appname)).toEqual([
    expect.objectContaining({ roles: ['admin'], description: 'created in the UI' }),
  ]);
  expect(stack.vectra.http.calls.filter((c) => c.path.includes(appname))).toEqual([]);
  await expect(new VectraFusionClient(planted.url).exchangeToken(planted)).resolves.toBeDefined();
});

test('a regenerated shared secret fails the request once, telling the admins how to fix it, without retrying', async () => {
  stack.vectra.regenerateSharedSecret();
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="After the secret changed"');
  const exchanges = () => stack.vectra.http.calls.filter((c) => c.path === '/api/v1/auth/token').length;
  const before = exchanges();
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  const failure = await failureOf(requestId);
  expect(failure).toContain('admin_netosecret_env');
  expect(failure).toContain('shared secret');
  expect(exchanges() - before).toBeLessThanOrEqual(2);
  await eventually(
    () =>
      stack.slack
        .callsTo('chat.postMessage')
        .find((c) => String(c.args.text).includes('<@UADMIN>') && String(c.args.text).includes('admin_netosecret_env')),
    'admins alerted with the fix',
  );
  expect(stack.vectra.listKeys().some((k) => k.appname === `keywarden-${requestId}`)).toBe(false);
});
