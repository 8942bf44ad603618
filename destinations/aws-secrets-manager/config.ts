/**
 * An AWS Secrets Manager destination in `keywarden.yaml`: the secret the consumer reads (its `AWSCURRENT`
 * version), its region, and optionally the access key to use (by environment-variable name; without it the AWS
 * SDK's default credential chain applies: instance role, SSO, profile) and an endpoint (VPC endpoints, emulators).
 */
import { z } from 'zod';
import type { DestinationBase, ReadSecret } from '../define';

const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name');

export const awsSecretsManagerFileSchema = z
  .object({
    type: z.literal('aws-secrets-manager'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    /** The secret's name or ARN; created by Keywarden at the first delivery when it does not exist. */
    secret_id: z.string().min(1).max(2048),
    endpoint: z.url().optional(),
    access_key_id_env: envVarName.optional(),
    secret_access_key_env: envVarName.optional(),
    kms_key_id: z.string().min(1).optional(),
  })
  .strict()
  .refine((entry) => !entry.access_key_id_env === !entry.secret_access_key_env, {
    message: 'set both access_key_id_env and secret_access_key_env, or neither (the default credential chain)',
    path: ['access_key_id_env'],
  });

export interface AwsSecretsManagerConnection extends DestinationBase {
  type: 'aws-secrets-manager';
  region: string;
  secretId: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  kmsKeyId?: string;
}

export function resolveAwsSecretsManager(
  entry: z.output<typeof awsSecretsManagerFileSchema>,
  readSecret: ReadSecret,
): AwsSecretsManagerConnection | string[] {
  const problems: string[] = [];
  let credentials: AwsSecretsManagerConnection['credentials'];
  if (entry.access_key_id_env && entry.secret_access_key_env) {
    const accessKeyId = readSecret(entry.access_key_id_env);
    const secretAccessKey = readSecret(entry.secret_access_key_env);
    if (!accessKeyId) problems.push(`access_key_id_env: ${entry.access_key_id_env} is not set`);
    if (!secretAccessKey) problems.push(`secret_access_key_env: ${entry.secret_access_key_env} is not set`);
    if (accessKeyId && secretAccessKey) credentials = { accessKeyId, secretAccessKey };
  }
  if (problems.length > 0) return problems;
  return {
    type: 'aws-secrets-manager',
    describe: `AWS Secrets Manager secret ${entry.secret_id} (${entry.region})`,
    region: entry.region,
    secretId: entry.secret_id,
    ...(entry.endpoint ? { endpoint: entry.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(entry.kms_key_id ? { kmsKeyId: entry.kms_key_id } : {}),
  };
}
