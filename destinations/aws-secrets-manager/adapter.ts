/**
 * The AWS Secrets Manager destination. Each generation becomes a new version of one secret, staged as AWS's own
 * rotation functions stage it: `createSecret` (the new version, `AWSPENDING`, with the generation's idempotency
 * key as its `ClientRequestToken`), `testSecret` (the pending version is the one we wrote; the key itself was
 * already proved at the vendor, which was `setSecret`), then `finishSecret` (`AWSCURRENT` moves to it, so
 * Secrets Manager moves `AWSPREVIOUS` to the version it replaced, and `AWSPENDING` is removed). Consumers read
 * `AWSCURRENT`. Every step checks the stages first, so a retry after a crash finishes the job without a second
 * version.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { DestinationError } from '../errors';
import type { DestinationAdapter, GenerationHandover, HandoverReceipt } from '../types';
import type { AwsSecretsManagerConnection } from './config';
import { toDestinationError } from './errors';

type Stages = Record<string, string[]>;

export function createAwsSecretsManagerAdapter(key: string, connection: AwsSecretsManagerConnection) {
  const client = new SecretsManagerClient({
    region: connection.region,
    // Temporal retries the activity with backoff; the SDK's own retries would only stack on top.
    maxAttempts: 2,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  });
  const SecretId = connection.secretId;

  async function stages(): Promise<Stages | undefined> {
    try {
      const described = await client.send(new DescribeSecretCommand({ SecretId }));
      return described.VersionIdsToStages ?? {};
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  const versionWith = (all: Stages, stage: string) => Object.keys(all).find((id) => all[id]?.includes(stage));

  /** The first generation: a new secret whose first version is `AWSCURRENT`; false when it already exists. */
  async function createFirst(handover: GenerationHandover): Promise<boolean> {
    try {
      await client.send(
        new CreateSecretCommand({
          Name: SecretId,
          SecretString: handover.secret.reveal(),
          ClientRequestToken: handover.idempotencyKey,
          Description: `Managed by Keywarden: ${handover.vendor.displayName} ${handover.role} key of credential ${handover.credentialId}`,
          ...(connection.kmsKeyId ? { KmsKeyId: connection.kmsKeyId } : {}),
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceExistsException') return false;
      throw error;
    }
  }

  async function stagePending(handover: GenerationHandover): Promise<void> {
    await client.send(
      new PutSecretValueCommand({
        SecretId,
        ClientRequestToken: handover.idempotencyKey,
        SecretString: handover.secret.reveal(),
        VersionStages: ['AWSPENDING'],
      }),
    );
    const pending = await client.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSPENDING' }));
    if (pending.VersionId !== handover.idempotencyKey) {
      throw new DestinationError(
        'misconfigured',
        `Secrets Manager ${key}: AWSPENDING of ${SecretId} is version ${pending.VersionId ?? 'none'}, not ours; is another rotation running on it?`,
        { destination: key },
      );
    }
  }

  async function finish(version: string, current: string | undefined): Promise<void> {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: version,
        ...(current ? { RemoveFromVersionId: current } : {}),
      }),
    );
    await removePending(version);
  }

  const removePending = (version: string) =>
    client.send(
      new UpdateSecretVersionStageCommand({ SecretId, VersionStage: 'AWSPENDING', RemoveFromVersionId: version }),
    );

  async function deliver(handover: GenerationHandover): Promise<HandoverReceipt> {
    const version = handover.idempotencyKey;
    const done: HandoverReceipt = {
      acknowledged: false,
      detail: `AWSCURRENT of ${SecretId} is version ${version}`,
    };
    try {
      const before = await stages();
      if (!before && (await createFirst(handover))) return done;
      const now = before ?? (await stages()) ?? {};
      if (now[version]?.includes('AWSCURRENT')) {
        // A crash between finishing and clearing AWSPENDING: only the clearing is left.
        if (now[version]?.includes('AWSPENDING')) await removePending(version);
        return done;
      }
      if (!now[version]?.includes('AWSPENDING')) await stagePending(handover);
      await finish(version, versionWith(now, 'AWSCURRENT'));
      return done;
    } catch (error) {
      throw toDestinationError(key, error);
    }
  }

  const adapter: DestinationAdapter = { key, type: 'aws-secrets-manager', describe: connection.describe, deliver };
  return adapter;
}
