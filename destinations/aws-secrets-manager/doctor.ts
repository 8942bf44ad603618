/**
 * Read-only checks of a Secrets Manager destination: the credentials may describe the secret (or it does not exist
 * yet, and is created at the first delivery). Nothing is created, written or read out of the secret.
 */
import {
  DescribeSecretCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { DestinationCheck } from '../define';
import type { AwsSecretsManagerConnection } from './config';
import { toDestinationError } from './errors';

const PERMISSIONS =
  'secretsmanager:DescribeSecret, CreateSecret, PutSecretValue, GetSecretValue and UpdateSecretVersionStage';

export async function diagnoseAwsSecretsManager(
  key: string,
  connection: AwsSecretsManagerConnection,
): Promise<DestinationCheck[]> {
  const client = new SecretsManagerClient({
    region: connection.region,
    maxAttempts: 1,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  });
  const what = `Secrets Manager: the credentials may describe ${connection.secretId} (destinations.${key})`;
  try {
    const described = await client.send(new DescribeSecretCommand({ SecretId: connection.secretId }));
    const versions = Object.keys(described.VersionIdsToStages ?? {}).length;
    return [{ what, ok: true, detail: `${versions} version${versions === 1 ? '' : 's'} in ${connection.region}` }];
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return [{ what, ok: true, detail: 'it does not exist yet; Keywarden creates it at the first delivery' }];
    }
    const coded = toDestinationError(key, error);
    const transient = coded.code === 'unavailable' || coded.code === 'rate_limited';
    return [
      {
        what,
        ok: false,
        detail: coded.message,
        fix: transient
          ? `check that ${connection.endpoint ?? `Secrets Manager in ${connection.region}`} is reachable from Keywarden`
          : `grant Keywarden's AWS identity ${PERMISSIONS} on ${connection.secretId}, and check region and secret_id`,
        ...(transient ? { transient: true } : {}),
      },
    ];
  } finally {
    client.destroy();
  }
}
