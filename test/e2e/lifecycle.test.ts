/**
 * A credential's life after delivery: reminders with Rotate now / Extend / Let it expire, rotation with an
 * overlap (old key valid during it, refused after), revoke now, the policy's limits, and continue-as-new.
 * Durations are scaled down; the workflow code is the same.
 */
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import { credentialStateQuery, timelineQuery } from '../../workflows/messages';
import type { StoredMessage } from '../support/fake-slack';
import {
  approvalMessage,
  clickReveal,
  dmTexts,
  ephemeralsTo,
  REQUESTER,
  requestKey,
  revealSecret,
} from '../support/flows';
import { APPROVAL_CHANNEL, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ reminders: '[20s, 6s]', rotationOverlap: '4s', historyEventLimit: 60 });
});
afterAll(() => stack.stop());

const credentialOf = (requestId: string) => stack.temporal.workflow.getHandle(`credential-${requestId}`);

async function deliveredKey(ttl: string, purpose: string): Promise<{ requestId: string; netosecret: string }> {
  const requestId = await requestKey(stack, `request vectra role=readonly ttl=${ttl} purpose="${purpose}"`);
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  return { requestId, netosecret: await revealSecret(stack, requestId, requestId) };
}

function reminderFor(requestId: string): Promise<StoredMessage> {
  return eventually(
    () =>
      [...stack.slack.messages.values()].find(
        (m) => m.channel === `D${REQUESTER}` && JSON.stringify(m.blocks).includes(`remind:${requestId}`),
      ),
    'expiry reminder',
    30_000,
  );
}

test('reminder → extend: the owner extends within the maximum and the expiry moves', async () => {
  const { requestId } = await deliveredKey('10s', 'Extend me');
  const before = (await credentialOf(requestId).query(credentialStateQuery)).expiresAt;
  const reminder = await reminderFor(requestId);
  const opened = stack.slack.callsTo('views.open').length;
  await stack.client.click(REQUESTER, reminder, 'Extend');
  const modal = await eventually(() => stack.slack.callsTo('views.open')[opened], 'extend form');
  await stack.client.submitView(REQUESTER, modal.args.view as never, { duration: '1h' });
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was extended')),
    'extended',
  );
  const after = (await credentialOf(requestId).query(credentialStateQuery)).expiresAt;
  expect(Date.parse(after) - Date.parse(before)).toBe(3_600_000);

  const tooLong = await stack.client.command(REQUESTER, `extend ${requestId} 400d`);
  expect(String(tooLong.json().text)).toContain('maximum access of 90 days');
  const stranger = await stack.client.command('UMALLORY', `revoke ${requestId}`);
  expect(String(stranger.json().text)).toContain('Only the owner of this key or a Keywarden admin');
  const admin = await stack.client.command('UADMIN', `revoke ${requestId}`);
  expect(String(admin.json().text)).toContain('Revoking it now');
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked by <@UADMIN>')),
    'revoked now',
  );
});

test('reminder → rotate now: a new key is delivered, the old one works through the overlap and is refused after', async () => {
  const { requestId, netosecret: first } = await deliveredKey('40s', 'Rotate me');
  const firstRun = (await credentialOf(requestId).describe()).runId;
  await stack.client.click(REQUESTER, await reminderFor(requestId), 'Rotate now');
  const second = await revealSecret(stack, requestId, `${requestId}-g2`);
  expect(decodeNetosecret(second).appname).toBe(`keywarden-${requestId}-g2`);
  expect(await signsInWith(first)).toBe(true); // still inside the overlap
  expect(await signsInWith(second)).toBe(true);
  await eventually(async () => !(await signsInWith(first)), 'old key refused after the overlap', 20_000);
  expect(await signsInWith(second)).toBe(true);
  // The rotation continued the workflow as new, carrying only the credential.
  expect((await credentialOf(requestId).describe()).runId).not.toBe(firstRun);

  const reveal = await clickReveal(stack, requestId, `${requestId}-g2`);
  expect(String(reveal.args.text)).toContain('already revealed');
  const revoke = await stack.client.command(REQUESTER, `revoke ${requestId}`);
  expect(String(revoke.json().text)).toContain('Revoking it now');
  await eventually(async () => !(await signsInWith(second)), 'new key refused after revoke now');
  expect(stack.vectra.listKeys().filter((k) => k.appname.startsWith(`keywarden-${requestId}`))).toEqual([]);
});

describe('automatic rotation', () => {
  let rotating: Stack;
  beforeAll(async () => {
    rotating = await startStack({
      reminders: '[]',
      rotationPeriod: '4s',
      rotationOverlap: '3s',
      historyEventLimit: 40,
    });
  });
  afterAll(() => rotating.stop());

  test('rotates on its period with an overlap, survives a crash mid-rotation, and never leaves two live keys past the overlap', async () => {
    const requestId = await requestKey(rotating, 'request vectra role=readonly ttl=1h purpose="Auto rotation"');
    await rotating.client.click('UALICE', await approvalMessage(rotating, requestId), 'Approve');
    const first = await revealSecret(rotating, requestId, requestId);

    // The worker dies while the second key is being created; the vendor still creates it.
    rotating.vectra.http.inject({ method: 'POST', path: '/api/v1/api-keys', delayMs: 2_500 });
    const creates = () =>
      rotating.vectra.http.received.filter((c) => c.method === 'POST' && c.path === '/api/v1/api-keys').length;
    await eventually(() => creates() >= 2, 'rotation creating the second key', 20_000);
    await rotating.stopWorker();
    await rotating.startWorker();

    const second = await revealSecret(rotating, requestId, `${requestId}-g2`);
    expect(decodeNetosecret(second).appname).toBe(`keywarden-${requestId}-g2`);
    expect(rotating.vectra.listKeys().filter((k) => k.appname === `keywarden-${requestId}-g2`)).toHaveLength(1);
    // And dies again during the overlap: the durable timer still retires the old key on time.
    await rotating.restartWorker();
    await eventually(async () => !(await signsInWith(first)), 'first key refused after the overlap', 20_000);
    expect(await signsInWith(second)).toBe(true);

    // It keeps rotating (and continuing as new) for as long as the credential lives.
    const third = await revealSecret(rotating, requestId, `${requestId}-g3`);
    await eventually(async () => !(await signsInWith(second)), 'second key refused after the overlap', 20_000);
    expect(await signsInWith(third)).toBe(true);
    const live = rotating.vectra.listKeys().filter((k) => k.appname.startsWith(`keywarden-${requestId}`));
    expect(live.map((k) => k.appname)).toEqual([`keywarden-${requestId}-g3`]);
    await rotating.client.command(REQUESTER, `revoke ${requestId}`);
    await eventually(async () => !(await signsInWith(third)), 'revoked');
  });
});

async function signsInWith(netosecret: string): Promise<boolean> {
  const secret = decodeNetosecret(netosecret);
  return new VectraFusionClient(secret.url).exchangeToken(secret).then(
    () => true,
    () => false,
  );
}

describe('continue-as-new', () => {
  let small: Stack;
  beforeAll(async () => {
    small = await startStack({ reminders: '[9s, 8s, 7s, 6s, 5s]', historyEventLimit: 20 });
  });
  afterAll(() => small.stop());

  test('a credential whose history passes the limit continues as new, keeps its state and stays listed once', async () => {
    const requestId = await requestKey(small, 'request vectra role=readonly ttl=12s purpose="Long history"');
    await small.client.click('UALICE', await approvalMessage(small, requestId), 'Approve');
    await revealSecret(small, requestId, requestId);
    const handle = small.temporal.workflow.getHandle(`credential-${requestId}`);
    const firstRun = (await handle.describe()).runId;
    await eventually(async () => (await handle.describe()).runId !== firstRun, 'continued as new', 20_000);
    // The new run carries the credential: the key is revealed already.
    expect((await handle.query(credentialStateQuery)).revealed).toBe(true);
    // ...and stays listed once, with its search attributes and its audit timeline.
    const before = small.slack.callsTo('response_url').length;
    await small.client.command(REQUESTER, 'list');
    const list = String((await eventually(() => small.slack.callsTo('response_url')[before], 'list')).args.text);
    expect(list.split(`\`${requestId}\``)).toHaveLength(2);
    expect(list).toContain(`\`${requestId}\` Vectra Fusion (readonly) · active`);
    expect((await handle.query(timelineQuery)).map((e) => e.event)).toContain('credential.revealed');
    // Revocation at expiry after continuing as new is proved on simulated months in test/workflows/months.test.ts,
    // and against the Vectra Fusion fake by happy-path.test.ts; waiting for it here would add real seconds only.
  });
});

describe('keys removed at the vendor', () => {
  let checked: Stack;
  beforeAll(async () => {
    checked = await startStack({ checkEvery: '2s' });
  });
  afterAll(() => checked.stop());

  test('a key deleted by hand at the vendor is noticed, the credential closed, owner and admins told', async () => {
    const requestId = await requestKey(checked, 'request vectra role=readonly ttl=1h purpose="Removed by hand"');
    await checked.client.click('UALICE', await approvalMessage(checked, requestId), 'Approve');
    await revealSecret(checked, requestId, requestId);
    const handle = checked.temporal.workflow.getHandle(`credential-${requestId}`);
    await eventually(async () => (await handle.query(credentialStateQuery)).status === 'active', 'active');
    checked.vectra.removeKey(`keywarden-${requestId}`);
    await eventually(
      () =>
        dmTexts(checked, REQUESTER).find((t) => t.includes(requestId) && t.includes('no longer works at the vendor')),
      'owner told',
      20_000,
    );
    expect(
      checked.slack
        .callsTo('chat.postMessage')
        .some((c) => String(c.args.text).includes(requestId) && String(c.args.text).includes('removed at the vendor')),
    ).toBe(true);
  });
});

describe('extensions that need approval', () => {
  let gated: Stack;
  beforeAll(async () => {
    gated = await startStack({ extendRequiresApproval: true });
  });
  afterAll(() => gated.stop());

  const extensionMessageFor = (requestId: string, count: number) =>
    eventually(() => {
      const found = gated.slack
        .channelMessages(APPROVAL_CHANNEL)
        .filter(
          (m) => JSON.stringify(m.blocks).includes('asks to extend') && JSON.stringify(m.blocks).includes(requestId),
        );
      return found.length >= count ? found[count - 1] : undefined;
    }, 'extension approval message');

  test('an owner extension goes to the approvers: the owner cannot approve it, an approver can, a denial says why', async () => {
    const requestId = await requestKey(gated, 'request vectra role=readonly ttl=1h purpose="Gated extension"');
    await gated.client.click('UALICE', await approvalMessage(gated, requestId), 'Approve');
    await revealSecret(gated, requestId, requestId);
    const handle = gated.temporal.workflow.getHandle(`credential-${requestId}`);
    const before = Date.parse((await handle.query(credentialStateQuery)).expiresAt);

    await gated.client.command(REQUESTER, `extend ${requestId} 2h`);
    const first = await extensionMessageFor(requestId, 1);
    await gated.client.click(REQUESTER, first, 'Approve');
    await eventually(
      () => ephemeralsTo(gated, REQUESTER).find((c) => String(c.args.text).includes('Only the approvers')),
      'owner refused',
    );
    await gated.client.click('UALICE', first, 'Approve');
    await eventually(
      () => dmTexts(gated, REQUESTER).find((t) => t.includes(requestId) && t.includes('was extended')),
      'extended',
    );
    expect(Date.parse((await handle.query(credentialStateQuery)).expiresAt) - before).toBe(2 * 3_600_000);

    await gated.client.command(REQUESTER, `extend ${requestId} 1d`);
    const second = await extensionMessageFor(requestId, 2);
    await eventually(async () => {
      const listed = gated.slack.callsTo('response_url').length;
      await gated.client.command('UBOB', 'pending');
      const answer = await eventually(() => gated.slack.callsTo('response_url')[listed], '/keys pending answer');
      return String(answer.args.text).includes(`\`${requestId}\` (Vectra Fusion): extension of a live key requested`);
    }, 'the extension is listed in /keys pending for an approver');
    const opened = gated.slack.callsTo('views.open').length;
    await gated.client.click('UBOB', second, 'Deny');
    const modal = await eventually(() => gated.slack.callsTo('views.open')[opened], 'deny modal');
    await gated.client.submitView('UBOB', modal.args.view as never, { reason: 'Rotate instead' });
    await eventually(
      () => dmTexts(gated, REQUESTER).find((t) => t.includes(requestId) && t.includes('was denied: Rotate instead')),
      'denied',
    );
    expect(Date.parse((await handle.query(credentialStateQuery)).expiresAt) - before).toBe(2 * 3_600_000);

    // Admins extend without asking.
    expect(String((await gated.client.command('UADMIN', `extend ${requestId} 1h`)).json().text)).toContain(
      'Extension requested',
    );
    await eventually(
      async () => Date.parse((await handle.query(credentialStateQuery)).expiresAt) - before === 3 * 3_600_000,
      'admin extension',
    );
  });
});
