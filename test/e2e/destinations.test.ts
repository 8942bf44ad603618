/**
 * Keys for machines: a request names a destination (`dest=`), the key is written there — to a real HTTP consumer
 * that checks the signature, or to AWS Secrets Manager (moto, from PyPI) through the AWS SDK — and nobody is shown
 * it. A rotation writes the new generation, waits for evidence that the consumer uses it (the webhook's
 * acknowledgement; Vectra Fusion's `last_login`), retires the old key and proves it refused; a consumer that never
 * switches gets its owner warned, then the old key retired at the overlap's end.
 */
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { VectraFusionClient } from '../../vendors/vectra-fusion/client';
import { decodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import { timelineQuery } from '../../workflows/messages';
import {
  approvalMessage,
  commandAnswer,
  dmTexts,
  ephemeralsTo,
  messageText,
  REQUESTER,
  requestKey,
} from '../support/flows';
import { expectNoSecretLeaks } from '../support/hygiene';
import { startMoto, type Moto } from '../support/moto';
import { startStack, type Stack, type StackOptions } from '../support/stack';
import { eventually } from '../support/wait';
import type { ViewPayload } from '../support/slack-client';
import { WebhookReceiver } from '../support/webhook-receiver';

const SIGNING_SECRET = 'consumer-shared-signing-secret-0123456789';
const SECRET_ID = 'keywarden/siem-ingest';
const AWS = { accessKeyId: 'AKIAKEYWARDENTEST', secretAccessKey: 'moto-accepts-any-secret-key' };

let stack: Stack;
let moto: Moto;
let receiver: WebhookReceiver;
let options: StackOptions;

beforeAll(async () => {
  receiver = new WebhookReceiver(SIGNING_SECRET);
  const [url, started] = await Promise.all([receiver.start(), startMoto()]);
  moto = started;
  options = {
    // Long enough that a retirement seen in this test can only have come from the consumer's evidence.
    rotationOverlap: '1h',
    consumerCheckEvery: '1s',
    env: { SIEM_HOOK_SECRET: SIGNING_SECRET, AWS_TEST_KEY_ID: AWS.accessKeyId, AWS_TEST_SECRET: AWS.secretAccessKey },
    destinations: [
      '  siem-hook:',
      '    type: webhook',
      `    url: ${url}`,
      '    signing_secret_env: SIEM_HOOK_SECRET',
      '    allow_insecure_loopback: true',
      '  siem-vault:',
      '    type: aws-secrets-manager',
      '    region: eu-west-1',
      `    secret_id: ${SECRET_ID}`,
      `    endpoint: ${moto.endpoint}`,
      '    access_key_id_env: AWS_TEST_KEY_ID',
      '    secret_access_key_env: AWS_TEST_SECRET',
    ].join('\n'),
    policies: [
      '  - vendor: vectra',
      '    destinations:',
      '      allowed: [siem-hook, siem-vault]',
      '      require_approval: false',
    ].join('\n'),
  };
  stack = await startStack(options);
});
afterAll(async () => {
  await stack?.stop();
  await Promise.all([receiver.stop(), moto?.stop()]);
});

async function signsInWith(netosecret: string): Promise<boolean> {
  const secret = decodeNetosecret(netosecret);
  return new VectraFusionClient(secret.url).exchangeToken(secret).then(
    () => true,
    () => false,
  );
}

const timelineOf = (requestId: string) =>
  stack.temporal.workflow.getHandle(`credential-${requestId}`).query(timelineQuery);
const eventsOf = async (requestId: string) => (await timelineOf(requestId)).map((entry) => entry.event);

test('webhook: the key arrives signed at the consumer, a rotation sends the next generation, and the old key is refused once the consumer acknowledges it', async () => {
  receiver.acknowledge = true;
  receiver.failNext = 1; // the consumer is down for the first attempt: Temporal retries with the same idempotency key
  const requestId = await requestKey(
    stack,
    'request vectra role=readonly ttl=30d purpose="SIEM ingestion" dest=siem-hook',
  );
  const first = await eventually(
    () => receiver.keys.find((k) => k.generationId === requestId),
    'first key at the consumer',
  );
  expect(first.generation).toBe(1);
  expect(receiver.calls.filter((c) => c.idempotencyKey === first.idempotencyKey).map((c) => c.status)).toEqual([
    503, 200,
  ]);
  expect(receiver.calls.every((c) => c.verified)).toBe(true);
  expect(await signsInWith(first.secret)).toBe(true);
  // Approved by the destination policy, shown where the key goes, and never offered to a person.
  expect(messageText(stack, await approvalMessage(stack, requestId))).toContain('siem-hook');
  await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was delivered to webhook')),
    'handed-over notice',
  );
  expect(ephemeralsTo(stack, REQUESTER).filter((c) => JSON.stringify(c.args).includes(requestId))).toEqual([]);

  const rotate = await stack.client.command(REQUESTER, `rotate ${requestId}`);
  expect(rotate.status).toBe(200);
  const second = await eventually(() => receiver.keys.find((k) => k.generationId === `${requestId}-g2`), 'second key');
  expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
  expect(await signsInWith(second.secret)).toBe(true);
  await eventually(async () => !(await signsInWith(first.secret)), 'old key refused after the acknowledgement');
  expect(await signsInWith(second.secret)).toBe(true);
  expect(receiver.current?.generationId).toBe(`${requestId}-g2`);

  const events = await eventually(async () => {
    const all = await eventsOf(requestId);
    return all.includes('credential.old_key_retired') && all;
  }, 'retirement in the timeline');
  const order = [
    'credential.written_to_destination',
    'credential.rotated',
    'credential.consumer_switched',
    'credential.old_key_retired',
  ];
  const positions = order.map((event) => events.lastIndexOf(event));
  expect(positions).not.toContain(-1);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  const text = await commandAnswer(stack, REQUESTER, `status ${requestId}`);
  for (const event of order) expect(text).toContain(event);
  expect(text).toContain('delivered to webhook');

  await expectNoSecretLeaks(stack, requestId, [first.secret, second.secret]);
  expect(stack.logs.join('\n')).toContain('key written to destination');
});

test('AWS Secrets Manager: each generation is a new version staged AWSPENDING → AWSCURRENT, the old one AWSPREVIOUS; the old key is retired once Vectra Fusion sees the consumer use the new one', async () => {
  const sm = new SecretsManagerClient({ region: 'eu-west-1', endpoint: moto.endpoint, credentials: AWS });
  // A consumer names the stage it reads (moto 5.2.1 also answers a stage-less read from a stale default version).
  const current = async () =>
    (await sm.send(new GetSecretValueCommand({ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }))).SecretString ?? '';
  const stages = async () =>
    (await sm.send(new DescribeSecretCommand({ SecretId: SECRET_ID }))).VersionIdsToStages ?? {};

  const requestId = await requestKey(
    stack,
    'request vectra role=readonly ttl=30d purpose="Pipeline ingestion" dest=siem-vault',
  );
  const firstVersion = `keywarden-key-generation-${requestId}`;
  await eventually(async () => (await stages())[firstVersion]?.includes('AWSCURRENT'), 'first version current');
  const first = await current();
  expect(decodeNetosecret(first).appname).toBe(`keywarden-${requestId}`);
  expect(await signsInWith(first)).toBe(true);

  await stack.client.command(REQUESTER, `rotate ${requestId}`);
  const secondVersion = `keywarden-key-generation-${requestId}-g2`;
  await eventually(async () => (await stages())[secondVersion]?.includes('AWSCURRENT'), 'second version current');
  expect(await stages()).toEqual({ [firstVersion]: ['AWSPREVIOUS'], [secondVersion]: ['AWSCURRENT'] });
  const second = await current();
  expect(decodeNetosecret(second).appname).toBe(`keywarden-${requestId}-g2`);
  // The old key works until the consumer is seen on the new one.
  expect(await signsInWith(first)).toBe(true);
  expect(await eventsOf(requestId)).not.toContain('credential.consumer_switched');

  // The consumer reloads AWSCURRENT and keeps using it, as a connector does; Vectra records its sign-ins.
  await eventually(
    async () => (await signsInWith(await current())) && !(await signsInWith(first)),
    'old key refused after the consumer switched',
    30_000,
  );
  const timeline = await timelineOf(requestId);
  expect(timeline.find((e) => e.event === 'credential.consumer_switched')?.detail).toContain('Vectra Fusion saw key');
  expect(await signsInWith(second)).toBe(true);
  await expectNoSecretLeaks(stack, requestId, [first, second]);
});

test('a consumer that never switches: the owner is warned at the end of the overlap, then the old key is retired and proved refused', async () => {
  await stack.reconfigure({ ...options, rotationOverlap: '8s' });
  receiver.acknowledge = false;
  const requestId = await requestKey(
    stack,
    'request vectra role=readonly ttl=30d purpose="Never switches" dest=siem-hook',
  );
  const first = await eventually(() => receiver.keys.find((k) => k.generationId === requestId), 'first key');
  await stack.client.command(REQUESTER, `rotate ${requestId}`);
  const second = await eventually(() => receiver.keys.find((k) => k.generationId === `${requestId}-g2`), 'second key');
  expect(await signsInWith(first.secret)).toBe(true);
  const warning = await eventually(
    () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('has not been seen using')),
    'owner warned',
    30_000,
  );
  expect(warning).toContain(`${requestId}-g2`);
  await eventually(async () => !(await signsInWith(first.secret)), 'old key refused at the end of the overlap');
  const events = await eventually(async () => {
    const all = await eventsOf(requestId);
    return all.includes('credential.old_key_retired') && all;
  }, 'retired');
  expect(events).not.toContain('credential.consumer_switched');
  expect(events.indexOf('credential.consumer_not_switched')).toBeLessThan(
    events.lastIndexOf('credential.old_key_retired'),
  );
  expect(await signsInWith(second.secret)).toBe(true);
  await expectNoSecretLeaks(stack, requestId, [first.secret, second.secret]);
});

test('a destination that refuses a key: in a rotation the new key is revoked and the old one stays; at first delivery the key is revoked and nothing is left', async () => {
  await stack.reconfigure(options);
  receiver.acknowledge = true;
  const requestId = await requestKey(
    stack,
    'request vectra role=readonly ttl=30d purpose="Refusing consumer" dest=siem-hook',
  );
  const first = await eventually(() => receiver.keys.find((k) => k.generationId === requestId), 'first key');
  receiver.refuseWith = 403;
  try {
    await stack.client.command(REQUESTER, `rotate ${requestId}`);
    await eventually(
      () => dmTexts(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('could not deliver')),
      'owner told the new key was not delivered',
    );
    await eventually(
      () => !stack.vectra.listKeys().some((k) => k.appname === `keywarden-${requestId}-g2`),
      'the undelivered new key deleted at the vendor',
    );
    expect(await signsInWith(first.secret)).toBe(true);
    const events = await eventsOf(requestId);
    expect(events).toEqual(expect.arrayContaining(['credential.handover_failed', 'credential.rotation_failed']));
    expect(events).not.toContain('credential.old_key_retired');

    const refused = await requestKey(
      stack,
      'request vectra role=readonly ttl=30d purpose="Never delivered" dest=siem-hook',
    );
    await eventually(
      () => dmTexts(stack, REQUESTER).find((t) => t.includes(refused) && t.includes('could not deliver')),
      'owner told the first key was not delivered',
    );
    await eventually(
      () => !stack.vectra.listKeys().some((k) => k.appname === `keywarden-${refused}`),
      'the undelivered key deleted at the vendor',
    );
    const alerts = stack.slack.callsTo('chat.postMessage').map((c) => String(c.args.text));
    expect(alerts.some((t) => t.includes(refused) && t.includes('could not be written'))).toBe(true);
    expect(receiver.keys.some((k) => k.generationId === refused)).toBe(false);
  } finally {
    receiver.refuseWith = undefined;
  }
});

test('the request form offers the destination field, refuses one the policy does not allow, and submits one it does', async () => {
  await stack.reconfigure(options);
  receiver.acknowledge = true;
  const res = await stack.client.command(REQUESTER, 'request vectra dest=siem-hook', {
    triggerId: 'trigger-dest-modal',
  });
  expect(res.status).toBe(200);
  const opened = await eventually(
    () => stack.slack.callsTo('views.open').find((c) => c.args.trigger_id === 'trigger-dest-modal'),
    'modal opened',
  );
  const view = opened.args.view as ViewPayload;
  expect(JSON.stringify(view)).toContain('"siem-hook"');
  const fields = { vendor: 'vectra', role: 'readonly', ttl: '30d', purpose: 'Connector from the form' };
  const invalid = await stack.client.submitView(REQUESTER, view, { ...fields, dest: 'elsewhere' });
  expect(invalid.json()).toMatchObject({
    response_action: 'errors',
    errors: { dest: expect.stringContaining('Unknown destination elsewhere.') },
  });
  const before = receiver.keys.length;
  const valid = await stack.client.submitView(REQUESTER, view, { ...fields, dest: 'siem-hook' });
  expect(valid.status).toBe(200);
  const delivered = await eventually(() => receiver.keys.slice(before).find((k) => k.body.role === 'readonly'), 'key');
  expect(await signsInWith(delivered.secret)).toBe(true);
});
