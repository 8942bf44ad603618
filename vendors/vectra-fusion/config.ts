/** How `keywarden.yaml` describes a Vectra Fusion connection, and its resolved form. */
import { z } from 'zod';
import { envVarName, rateLimitPerSecond, type ReadSecret } from '../config-kit';
import { decodeNetosecret, type Netosecret } from './netosecret';

export const VECTRA_ROLES = ['readonly', 'admin'] as const;

export const vectraFusionFileSchema = z
  .object({
    type: z.literal('vectra-fusion'),
    display_name: z.string().min(1).default('Vectra Fusion'),
    rate_limit_per_second: rateLimitPerSecond,
    /** Environment variable holding the admin netosecret Keywarden uses to manage keys. */
    admin_netosecret_env: envVarName,
    /** Overrides the API origin; by default the `url` inside the admin netosecret is used. */
    base_url: z.string().url().optional(),
    roles: z.array(z.enum(VECTRA_ROLES)).min(1).default(['readonly']),
  })
  .strict();

export interface VectraFusionConnection {
  type: 'vectra-fusion';
  displayName: string;
  /** Steps per second across all workers; undefined = the vendor's default. */
  rateLimitPerSecond?: number;
  adminNetosecret: Netosecret;
  baseUrl: string;
  roles: readonly string[];
}

export function resolveVectraFusion(
  entry: z.infer<typeof vectraFusionFileSchema>,
  readSecret: ReadSecret,
): VectraFusionConnection | string[] {
  const raw = readSecret(entry.admin_netosecret_env);
  if (raw === undefined) return [`admin_netosecret_env: environment variable ${entry.admin_netosecret_env} is not set`];
  let adminNetosecret: Netosecret;
  try {
    adminNetosecret = decodeNetosecret(raw);
  } catch (error) {
    return [`admin_netosecret_env: ${entry.admin_netosecret_env} ${(error as Error).message}`];
  }
  return {
    type: 'vectra-fusion',
    displayName: entry.display_name,
    ...(entry.rate_limit_per_second === undefined ? {} : { rateLimitPerSecond: entry.rate_limit_per_second }),
    adminNetosecret,
    baseUrl: entry.base_url ?? adminNetosecret.url,
    roles: entry.roles,
  };
}
