/**
 * The core story: a request is approved, a Vectra Fusion key is minted and shown only to the requester, and at
 * the end of its access time the key is deleted and proved dead. No secret lands in history, logs or channels.
 */
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import {
  approvalMessage,
  clickReveal,
  deliveryOffer,
  dmsTo,
  messageText,
  REQUESTER,
  requestKey,
  revealSecret,
} from '../support/flows';
import { rawHistoryText } from '../support/history';
import { expectNoSecretLeaks } from '../support/hygiene';
import { REQUEST_CHANNEL, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

test('approved request delivers a working read-only key privately, then revokes it at expiry', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=8s purpose="SIEM ingestion"');
  const message = await approvalMessage(stack, requestId);
  expect(messageText(stack, message)).toContain('SIEM ingestion');
  expect(messageText(stack, message)).toContain('<@UREQ>');

  const click = await stack.client.click('UALICE', message, 'Approve');
  expect(click.status).toBe(200);

  // Delivery is an ephemeral offer in the channel where they asked, without the secret; Reveal shows it once.
  const offer = await deliveryOffer(stack, requestId);
  expect(offer.args.channel).toBe(REQUEST_CHANNEL);
  expect(JSON.stringify(offer.args)).not.toContain('```');
  const netosecret = await revealSecret(stack, requestId);
  const second = await clickReveal(stack, requestId);
  expect(String(second.args.text)).toContain('already revealed');
  expect(JSON.stringify(second.args)).not.toContain(netosecret);
  await eventually(() => stack.logs.find((l) => l.includes('credential.reveal_refused')), 'second reader audited');
  const secret = decodeNetosecret(netosecret);
  expect(secret.appname).toBe(`keywarden-${requestId}`);

  const [key] = stack.vectra.listKeys().filter((k) => k.appname === secret.appname);
  expect(key?.roles).toEqual(['readonly']);
  expect(key?.description).toContain('UREQ');
  expect(key?.description).toContain('SIEM ingestion');
  const vendor = new VectraFusionClient(secret.url);
  await expect(vendor.exchangeToken(secret)).resolves.toBeDefined();

  await eventually(
    () =>
      messageText(stack, message).includes('Delivered') &&
      messageText(stack, message).includes('Approved by <@UALICE>'),
    'message updated in place',
  );
  expect(messageText(stack, message)).not.toContain('"Approve"');
  expect(dmsTo(stack, REQUESTER).some((t) => t.includes('approved'))).toBe(true);

  // Expiry: the key is deleted at the vendor, the deletion proved, and the owner told.
  await eventually(() => dmsTo(stack, REQUESTER).find((t) => t.includes('was revoked')), 'revocation notice', 40_000);
  expect(stack.vectra.listKeys().some((k) => k.appname === secret.appname)).toBe(false);
  await expect(vendor.exchangeToken(secret)).rejects.toMatchObject({ code: 'unauthorized' });

  // Hygiene: the secret and its parts appear in no history, log line or non-ephemeral Slack call.
  await expectNoSecretLeaks(stack, requestId, [
    netosecret,
    secret.appkey,
    secret.sharedsecret,
    ...stack.vectra.secrets(),
  ]);
  const histories = [
    await rawHistoryText(stack.temporal, `request-${requestId}`),
    await rawHistoryText(stack.temporal, `credential-${requestId}`),
  ];
  // Every payload is encrypted by the codec: not even the purpose or the key's name is readable in raw history.
  for (const history of histories) {
    expect(history).toContain('binary/encrypted');
    expect(history).not.toContain('SIEM ingestion');
    expect(history).not.toContain(`keywarden-${requestId}`);
  }
});
