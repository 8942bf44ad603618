/**
 * How `keywarden.yaml` describes an Automox connection, and its resolved form. Two modes, either or both:
 * `service_user` (Keywarden mints keys for one dedicated read-only user, with that user's own key) and `invite`
 * (Keywarden invites each requester as a read-only user with a global admin's key; the person makes their key).
 */
import { z } from 'zod';
import { duration, envVarName, type HumanStepsConfig, type ReadSecret } from '../config-kit';
import { SecretText } from '../secret-text';

/** Automox's public API root. */
export const AUTOMOX_DEFAULT_BASE_URL = 'https://console.automox.com/api';

/** Keywarden only hands out read-only access to Automox. */
export const AUTOMOX_ROLES = ['read-only'] as const;

const serviceUserSchema = z
  .object({
    /** Environment variable holding the dedicated read-only user's own API key. */
    api_key_env: envVarName,
    /** That user's numeric id (the `/users/{id}/api_keys` id). */
    user_id: z.number().int().positive(),
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
    base_url: z.string().url().optional(),
    roles: z.array(z.enum(AUTOMOX_ROLES)).min(1).default(['read-only']),
    /** The numeric organization id every `api_keys` call carries as `?o=`. */
    org_id: z.number().int().positive(),
    service_user: serviceUserSchema.optional(),
    invite: inviteSchema.optional(),
  })
  .strict()
  .refine((entry) => entry.service_user !== undefined || entry.invite !== undefined, {
    message: 'configure service_user (automated keys), invite (a read-only user per person), or both',
  });

/** A parsed `automox` entry, before its keys are read from the environment. */
export type AutomoxFileEntry = z.infer<typeof automoxFileSchema>;

/** Service-user mode: the dedicated read-only user and its own key, which mints that user's further keys. */
export interface AutomoxServiceUser {
  apiKey: SecretText;
  userId: number;
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
  baseUrl: string;
  orgId: number;
  roles: readonly string[];
  serviceUser?: AutomoxServiceUser;
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
  const serviceKey = entry.service_user && secret('service_user.api_key_env', entry.service_user.api_key_env);
  const adminKey = entry.invite && secret('invite.admin_api_key_env', entry.invite.admin_api_key_env);
  if (problems.length > 0) return problems;

  const connection: AutomoxConnection = {
    type: 'automox',
    displayName: entry.display_name,
    baseUrl: entry.base_url ?? AUTOMOX_DEFAULT_BASE_URL,
    orgId: entry.org_id,
    roles: entry.roles,
  };
  if (entry.service_user && serviceKey) {
    connection.serviceUser = { apiKey: serviceKey, userId: entry.service_user.user_id };
  }
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
