/**
 * How `keywarden.yaml` describes an Automox connection, and its resolved form. Two modes, either or both:
 * `integrations` (named integrations, each a dedicated read-only Automox user whose own key Keywarden holds and
 * mints that user's further keys with) and `invite` (Keywarden invites each requester as a read-only user with a
 * global admin's key; the person makes their key).
 */
import { z } from 'zod';
import { duration, envVarName, type HumanStepsConfig, rateLimitPerSecond, type ReadSecret } from '../config-kit';
import { SecretText } from '../../secrets/secret-text';
import { checkIntegrations, type IntegrationEntry } from './config-rules';

/** Automox's public API root. */
export const AUTOMOX_DEFAULT_BASE_URL = 'https://console.automox.com/api';

/** Keywarden only hands out read-only access to Automox. */
export const AUTOMOX_ROLES = ['read-only'] as const;

const integrationSchema = z
  .object({
    /** The integration's own Automox user (the `/users/{id}/api_keys` id); never shared with another integration. */
    user_id: z.number().int().positive(),
    /** Environment variable holding that user's own API key (Keywarden's bootstrap key for the user). */
    api_key_env: envVarName,
    /** What the integration is for, shown to requesters. */
    description: z.string().min(1).max(200).optional(),
  })
  .strict();

const inviteSchema = z
  .object({
    /** Environment variable holding a Global Admin's API key (invitations need that account role). */
    admin_api_key_env: envVarName,
    account_id: z.uuid(),
    /** The zone invited people join, with the zone role `read-only`. */
    zone_id: z.uuid(),
    /** How the requester is chased while the invitation and their key are pending; nobody else is involved. */
    human_steps: z
      .object({ remind_every: duration.prefault('24h'), deadline: duration.prefault('72h') })
      .strict()
      .prefault({}),
  })
  .strict();

/** An `automox` entry of `keywarden.yaml`'s `vendors`; at least one mode must be configured. */
export const automoxFileSchema = z
  .object({
    type: z.literal('automox'),
    display_name: z.string().min(1).default('Automox'),
    rate_limit_per_second: rateLimitPerSecond,
    base_url: z.string().url().optional(),
    roles: z.array(z.enum(AUTOMOX_ROLES)).min(1).default(['read-only']),
    /** The numeric organization id every `api_keys` call carries as `?o=`. */
    org_id: z.number().int().positive(),
    integrations: z.record(z.string(), integrationSchema).optional(),
    /** The old shared-user form; read only to refuse it with how to migrate (see `config-rules.ts`). */
    service_user: z.unknown().optional(),
    invite: inviteSchema.optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    for (const problem of checkIntegrations(entry)) ctx.addIssue({ code: 'custom', ...problem });
  });

/** A parsed `automox` entry, before its keys are read from the environment. */
export type AutomoxFileEntry = z.infer<typeof automoxFileSchema>;

/** One integration: a dedicated read-only Automox user and its own key, which mints that user's further keys. */
export interface AutomoxIntegration {
  name: string;
  userId: number;
  /** Keywarden's bootstrap key for the user: any key of a user can manage all of that user's keys. */
  apiKey: SecretText;
  /** The variable the key came from, to name it in messages (a name, never the value). */
  apiKeyEnv: string;
  description?: string;
}

/** Invite mode: a Global Admin's key, where invited people go, and how long they have. */
export interface AutomoxInvite {
  adminApiKey: SecretText;
  accountId: string;
  zoneId: string;
  remindEveryMs: number;
  deadlineMs: number;
}

/** A resolved Automox connection. Keys are `SecretText`, so logging the connection cannot leak them. */
export interface AutomoxConnection {
  type: 'automox';
  displayName: string;
  /** Steps per second across all workers; undefined = the vendor's default. */
  rateLimitPerSecond?: number;
  baseUrl: string;
  orgId: number;
  roles: readonly string[];
  /** Named integrations, by name; empty when only invite mode is configured. */
  integrations: Readonly<Record<string, AutomoxIntegration>>;
  /** `integration=` may only name a configured integration (checked by the pure definition). */
  fieldLimits: { integration: readonly string[] };
  invite?: AutomoxInvite;
  /** Invite mode's reminders and deadline; every Automox human step is the requester's, so no operators. */
  humanSteps?: HumanStepsConfig;
}

/** Reads the keys the entry names; returns every problem instead when a variable is unset. */
export function resolveAutomox(entry: AutomoxFileEntry, readSecret: ReadSecret): AutomoxConnection | string[] {
  const problems: string[] = [];
  const secret = (path: string, name: string): SecretText | undefined => {
    const value = readSecret(name);
    if (value === undefined) problems.push(`${path}: environment variable ${name} is not set`);
    return value === undefined ? undefined : new SecretText(value);
  };
  const integrations: Record<string, AutomoxIntegration> = {};
  for (const [name, spec] of Object.entries(entry.integrations ?? {}) as Array<[string, IntegrationEntry]>) {
    const apiKey = secret(`integrations.${name}.api_key_env`, spec.api_key_env);
    if (apiKey) {
      integrations[name] = {
        name,
        userId: spec.user_id,
        apiKey,
        apiKeyEnv: spec.api_key_env,
        ...(spec.description ? { description: spec.description } : {}),
      };
    }
  }
  const adminKey = entry.invite && secret('invite.admin_api_key_env', entry.invite.admin_api_key_env);
  if (problems.length > 0) return problems;

  const connection: AutomoxConnection = {
    type: 'automox',
    displayName: entry.display_name,
    ...(entry.rate_limit_per_second === undefined ? {} : { rateLimitPerSecond: entry.rate_limit_per_second }),
    baseUrl: entry.base_url ?? AUTOMOX_DEFAULT_BASE_URL,
    orgId: entry.org_id,
    roles: entry.roles,
    integrations,
    fieldLimits: { integration: Object.keys(integrations) },
  };
  if (entry.invite && adminKey) {
    const { remind_every: remindEveryMs, deadline: deadlineMs } = entry.invite.human_steps;
    connection.invite = {
      adminApiKey: adminKey,
      accountId: entry.invite.account_id,
      zoneId: entry.invite.zone_id,
      remindEveryMs,
      deadlineMs,
    };
    connection.humanSteps = { operators: { users: [], groups: [] }, remindEveryMs, deadlineMs };
  }
  return connection;
}
