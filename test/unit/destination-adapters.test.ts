/**
 * The destination adapters against real parts on loopback: the webhook against a consumer that verifies its
 * signature, Secrets Manager against moto through the AWS SDK. What a retry does, what a refusal is coded as.
 */
import { createHmac } from 'node:crypto';
import { DescribeSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createAwsSecretsManagerAdapter } from '../../destinations/aws-secrets-manager/adapter';
import { diagnoseAwsSecretsManager } from '../../destinations/aws-secrets-manager/doctor';
import type { DestinationError } from '../../destinations/errors';
import { idempotencyKeyFor, type GenerationHandover } from '../../destinations/types';
import { createWebhookAdapter } from '../../destinations/webhook/adapter';
import { verifySignature } from '../../destinations/webhook/signature';
import { SecretText } from '../../secrets/secret-text';
import { startMoto, type Moto } from '../support/moto';
import { WebhookReceiver } from '../support/webhook-receiver';

const SIGNING = 'unit-test-signing-secret-0123456789';
const handover = (generationId: string, secret: string): GenerationHandover => ({
  credentialId: 'cred1',
  generationId,
  generation: generationId.includes('-g') ? Number(generationId.split('-g')[1]) : 1,
  idempotencyKey: idempotencyKeyFor(generationId),
  vendor: { key: 'vectra', displayName: 'Vectra Fusion' },
  role: 'readonly',
  requestId: 'cred1',
  expiresAt: '2027-01-01T00:00:00.000Z',
  secret: new SecretText(secret),
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: DestinationError) => error.code,
  );

describe('webhook', () => {
  const receiver = new WebhookReceiver(SIGNING);
  let url = '';
  beforeAll(async () => {
    url = await receiver.start();
  });
  afterAll(() => receiver.stop());
  const adapter = (secret = SIGNING) =>
    createWebhookAdapter('hook', { type: 'webhook', describe: `webhook ${url}`, url, signingSecret: secret });

  test('a signed delivery is kept once per idempotency key; the acknowledgement names the generation', async () => {
    receiver.acknowledge = true;
    const first = await adapter().deliver(handover('cred1', 'secret-one-value'));
    const again = await adapter().deliver(handover('cred1', 'secret-one-value'));
    expect(first).toEqual({ acknowledged: true, detail: expect.stringContaining('acknowledged key cred1') });
    expect(again.acknowledged).toBe(true);
    expect(receiver.keys.filter((k) => k.generationId === 'cred1')).toHaveLength(1);
    receiver.acknowledge = false;
    expect(await adapter().deliver(handover('cred1-g2', 'secret-two-value'))).toMatchObject({ acknowledged: false });
    expect(receiver.current?.secret).toBe('secret-two-value');
  });

  test('a consumer that is down is retryable; one that refuses the signature is not', async () => {
    receiver.failNext = 1;
    expect(await codeOf(adapter().deliver(handover('cred1-g3', 'secret-three')))).toBe('unavailable');
    expect(await codeOf(adapter('the-wrong-signing-secret-000000').deliver(handover('cred1-g3', 'secret-three')))).toBe(
      'refused',
    );
    expect(receiver.calls.at(-1)).toMatchObject({ verified: false, status: 401 });
    const nobody = createWebhookAdapter('gone', {
      type: 'webhook',
      describe: 'webhook',
      url: 'http://127.0.0.1:9/none',
      signingSecret: SIGNING,
    });
    expect(await codeOf(nobody.deliver(handover('cred1', 'x')))).toBe('unavailable');
  });

  test('the signature is Slack-style over v0:<timestamp>:<body>, and stale timestamps fail', () => {
    const body = '{"a":1}';
    const now = 1_800_000_000;
    const signature = `v0=${createHmac('sha256', SIGNING).update(`v0:${now}:${body}`).digest('hex')}`;
    expect(verifySignature(SIGNING, { signature, timestamp: String(now) }, body, now)).toBe(true);
    expect(verifySignature(SIGNING, { signature, timestamp: String(now) }, body, now + 301)).toBe(false);
    expect(verifySignature(SIGNING, { signature, timestamp: String(now) }, '{"a":2}', now)).toBe(false);
  });
});

describe('AWS Secrets Manager', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(() => moto?.stop());
  const credentials = { accessKeyId: 'AKIAUNIT', secretAccessKey: 'unit' };

  test('a retry after a crash between staging and finishing completes the rotation with no second version', async () => {
    const connection = {
      type: 'aws-secrets-manager' as const,
      describe: 'sm',
      region: 'eu-west-1',
      secretId: 'unit/retry',
      endpoint: moto.endpoint,
      credentials,
    };
    const adapter = createAwsSecretsManagerAdapter('sm', connection);
    const sm = new SecretsManagerClient({ region: 'eu-west-1', endpoint: moto.endpoint, credentials });
    const stages = async () =>
      (await sm.send(new DescribeSecretCommand({ SecretId: 'unit/retry' }))).VersionIdsToStages ?? {};
    await adapter.deliver(handover('cred1', 'first-secret'));
    await adapter.deliver(handover('cred1', 'first-secret'));
    expect(await stages()).toEqual({ [idempotencyKeyFor('cred1')]: ['AWSCURRENT'] });

    // The first attempt staged AWSPENDING and died; the retry finishes it.
    await sm.send(
      new PutSecretValueCommand({
        SecretId: 'unit/retry',
        ClientRequestToken: idempotencyKeyFor('cred1-g2'),
        SecretString: 'second-secret',
        VersionStages: ['AWSPENDING'],
      }),
    );
    await adapter.deliver(handover('cred1-g2', 'second-secret'));
    await adapter.deliver(handover('cred1-g2', 'second-secret'));
    expect(await stages()).toEqual({
      [idempotencyKeyFor('cred1')]: ['AWSPREVIOUS'],
      [idempotencyKeyFor('cred1-g2')]: ['AWSCURRENT'],
    });
  });

  test('the doctor describes the secret read-only: present, not yet created, or unreachable (transient)', async () => {
    const connection = (secretId: string, endpoint = moto.endpoint) => ({
      type: 'aws-secrets-manager' as const,
      describe: 'sm',
      region: 'eu-west-1',
      secretId,
      endpoint,
      credentials,
    });
    expect(await diagnoseAwsSecretsManager('sm', connection('unit/retry'))).toEqual([
      expect.objectContaining({ ok: true, detail: '2 versions in eu-west-1' }),
    ]);
    expect(await diagnoseAwsSecretsManager('sm', connection('unit/later'))).toEqual([
      expect.objectContaining({ ok: true, detail: expect.stringContaining('creates it at the first delivery') }),
    ]);
    expect(await diagnoseAwsSecretsManager('sm', connection('unit/x', 'http://127.0.0.1:9'))).toEqual([
      expect.objectContaining({ ok: false, transient: true }),
    ]);
  });

  test('an unreachable endpoint is retryable', async () => {
    const adapter = createAwsSecretsManagerAdapter('sm', {
      type: 'aws-secrets-manager',
      describe: 'sm',
      region: 'eu-west-1',
      secretId: 'unit/none',
      endpoint: 'http://127.0.0.1:9',
      credentials,
    });
    expect(await codeOf(adapter.deliver(handover('cred1', 'x')))).toBe('unavailable');
  });
});
