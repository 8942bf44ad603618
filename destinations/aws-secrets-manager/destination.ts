/** AWS Secrets Manager as a Keywarden destination (see `adapter.ts` for how versions are staged). */
import { defineDestination } from '../define';
import { createAwsSecretsManagerAdapter } from './adapter';
import { awsSecretsManagerFileSchema, resolveAwsSecretsManager } from './config';
import { diagnoseAwsSecretsManager } from './doctor';

export const awsSecretsManager = defineDestination({
  type: 'aws-secrets-manager',
  fileSchema: awsSecretsManagerFileSchema,
  resolve: resolveAwsSecretsManager,
  adapter: (key, connection) => createAwsSecretsManagerAdapter(key, connection),
  diagnose: diagnoseAwsSecretsManager,
});
