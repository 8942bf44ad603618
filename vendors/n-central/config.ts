/** How `keywarden.yaml` describes an N-able N-central connection, and its resolved form. */
import { z } from 'zod';
import {
  duration,
  envVarName,
  type HumanStepsConfig,
  humanStepsSchema,
  rateLimitPerSecond,
  type ReadSecret,
  resolveHumanSteps,
} from '../config-kit';
import { SecretText } from '../../secrets/secret-text';
import { decodeJwtPayload, jwtExpiresAt } from './jwt';

export const nCentralFileSchema = z
  .object({
    type: z.literal('n-central'),
    display_name: z.string().min(1).default('N-able N-central'),
    rate_limit_per_second: rateLimitPerSecond,
    /** The customer's own N-central server, e.g. `https://ncentral.example.com` (each customer has its own host). */
    base_url: z.string().url(),
    /** The org unit whose users Keywarden lists to check a pasted token's user; operators create users there. */
    org_unit_id: z.number().int().positive(),
    /**
     * Environment variable holding the JWT of an existing API-only user that may list users in `org_unit_id`.
     * Keywarden needs it because a freshly pasted token belongs to a read-only user, which may lack the right to
     * list users, so it cannot vouch for its own `apiOnlyUser` and `twoFactorEnabled` flags.
     */
    verifier_jwt_env: envVarName,
    /** Role names offered to requesters; operators pick the matching N-central role by hand. */
    roles: z.array(z.string().min(1)).min(1).default(['read-only']),
    /** Every N-central step is done by a person, so who does it is required. */
    human_steps: humanStepsSchema,
    /**
     * How long a disabled user's or regenerated token's old JWT may keep working. Field reports say up to ~5
     * minutes (COMMUNITY, VENDOR-EVIDENCE §2.2), so the revocation check re-checks this long before handing the
     * task back as "still signs in".
     */
    revocation_propagation: duration.prefault('10m'),
  })
  .strict();

export type NCentralFileEntry = z.infer<typeof nCentralFileSchema>;

export interface NCentralConnection {
  type: 'n-central';
  displayName: string;
  /** Steps per second across all workers; undefined = the vendor's default. */
  rateLimitPerSecond?: number;
  baseUrl: string;
  orgUnitId: number;
  /** The verifier user's JWT; prints as `[redacted]`. */
  verifierJwt: SecretText;
  /** Where the verifier JWT comes from, so messages can say which variable to replace (never its value). */
  verifierJwtEnv: string;
  /** How long the revocation check waits for N-central to apply a revocation before re-opening the task. */
  revocationPropagationMs: number;
  roles: readonly string[];
  humanSteps: HumanStepsConfig;
}

/**
 * Reads the verifier JWT from the environment and checks it is a JWT that has not expired, so a bad secret is
 * reported at start-up rather than at the first request. Returns the problems instead of a connection.
 */
export function resolveNCentral(
  entry: NCentralFileEntry,
  readSecret: ReadSecret,
  now = Date.now(),
): NCentralConnection | string[] {
  const name = entry.verifier_jwt_env;
  const raw = readSecret(name)?.trim();
  if (!raw) return [`verifier_jwt_env: environment variable ${name} is not set`];
  if (!decodeJwtPayload(raw)) return [`verifier_jwt_env: ${name} is not a JSON web token`];
  const expiresAt = jwtExpiresAt(raw);
  if (expiresAt && expiresAt.getTime() <= now) {
    return [`verifier_jwt_env: the token in ${name} expired on ${expiresAt.toISOString()}; generate a new one`];
  }
  return {
    type: 'n-central',
    displayName: entry.display_name,
    ...(entry.rate_limit_per_second === undefined ? {} : { rateLimitPerSecond: entry.rate_limit_per_second }),
    baseUrl: entry.base_url,
    orgUnitId: entry.org_unit_id,
    verifierJwt: new SecretText(raw),
    verifierJwtEnv: name,
    revocationPropagationMs: entry.revocation_propagation,
    roles: entry.roles,
    humanSteps: resolveHumanSteps(entry.human_steps),
  };
}
