/**
 * Rules on an Automox entry that one field's schema cannot state: the old shared `service_user` form is refused
 * with how to migrate, and no two integrations may share an Automox user or a key variable. Automox lets any key
 * of a user list, decrypt, disable and delete every key of that user, so a shared user is a shared secret.
 */
import { INTEGRATION_NAME } from './names';

/** An integration as `keywarden.yaml` writes it. */
export interface IntegrationEntry {
  user_id: number;
  api_key_env: string;
  description?: string | undefined;
}

/** The fields these rules read. */
export interface AutomoxEntryShape {
  integrations?: Record<string, IntegrationEntry> | undefined;
  service_user?: unknown;
  invite?: unknown;
}

export interface EntryProblem {
  path: Array<string | number>;
  message: string;
}

/** The old entry's values when they are readable, so the migration hint can be copied as it is. */
function oldValues(serviceUser: unknown): { env: string; userId: string } {
  const old = (typeof serviceUser === 'object' && serviceUser !== null ? serviceUser : {}) as Record<string, unknown>;
  return {
    env: typeof old.api_key_env === 'string' ? old.api_key_env : 'AUTOMOX_SERVICE_USER_KEY',
    userId: typeof old.user_id === 'number' ? String(old.user_id) : '67890',
  };
}

/** Why `service_user` is refused and the YAML that replaces it. */
export function serviceUserMigration(serviceUser: unknown): string {
  const { env, userId } = oldValues(serviceUser);
  return (
    'service_user is no longer accepted: every key it handed out belonged to one shared Automox user, and any key ' +
    "of a user can read, disable and delete all of that user's keys, so every holder could open every other " +
    "holder's key. Give each integration its own read-only Automox user and its own key, and replace " +
    `\`service_user: { api_key_env: ${env}, user_id: ${userId} }\` with ` +
    `\`integrations: { siem: { user_id: ${userId}, api_key_env: ${env}, description: "SIEM ingestion" } }\` ` +
    '(one entry per integration, each with a different user_id and api_key_env); requests then say integration=siem'
  );
}

/** Every problem with the entry's modes and integrations, with the path it belongs to. */
export function checkIntegrations(entry: AutomoxEntryShape): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (entry.service_user !== undefined) {
    problems.push({ path: ['service_user'], message: serviceUserMigration(entry.service_user) });
  }
  const integrations = Object.entries(entry.integrations ?? {});
  if (integrations.length === 0 && entry.invite === undefined && entry.service_user === undefined) {
    problems.push({
      path: [],
      message:
        'configure integrations (automated keys, one Automox user each), invite (a read-only user per person), or both',
    });
  }
  const byUser = new Map<number, string>();
  const byEnv = new Map<string, string>();
  for (const [name, spec] of integrations) {
    if (!INTEGRATION_NAME.test(name)) {
      problems.push({
        path: ['integrations', name],
        message: 'integration names are lower-case letters, digits, - and _, starting with a letter (e.g. siem)',
      });
    }
    const sameUser = byUser.get(spec.user_id);
    if (sameUser !== undefined) {
      problems.push({
        path: ['integrations', name, 'user_id'],
        message:
          `user ${spec.user_id} is also integration ${sameUser}'s user; give each integration its own Automox user ` +
          "(any key of a user can read and delete all of that user's keys)",
      });
    }
    const sameEnv = byEnv.get(spec.api_key_env);
    if (sameEnv !== undefined) {
      problems.push({
        path: ['integrations', name, 'api_key_env'],
        message: `${spec.api_key_env} is also integration ${sameEnv}'s key; each integration needs its own user's own key`,
      });
    }
    byUser.set(spec.user_id, byUser.get(spec.user_id) ?? name);
    byEnv.set(spec.api_key_env, byEnv.get(spec.api_key_env) ?? name);
  }
  return problems;
}
