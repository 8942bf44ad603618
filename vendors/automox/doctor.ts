/**
 * `keywarden doctor` for Automox: read-only checks of each integration's user and key, and of invite mode's admin
 * key, account and zone. Nothing is created, changed or deleted; the only POSTs are `decrypt` calls, which read
 * an integration user's own keys to find which one is Keywarden's (compared in memory, never printed).
 */
import type { Dispatcher } from 'undici';
import { DoctorFailure, runCheck, skipped, type DoctorCheck } from '../doctor-kit';
import { AutomoxAccounts } from './accounts';
import { AutomoxClient } from './client';
import type { AutomoxConnection, AutomoxIntegration, AutomoxInvite } from './config';
import { BootstrapKeys, describeKeys, kindOf } from './holders';
import { AUTOMOX_KEY_CAP } from './integration';
import { GRANT_KEY_MANAGE } from './modes';
import { credentialOfKeyName } from './names';
import type { AutomoxApiKey } from './schemas';

/** A check on answers already read: `judge` returns what it found or throws `DoctorFailure`. */
function verdict(what: string, judge: () => string): DoctorCheck {
  try {
    return { what, ok: true, detail: judge() };
  } catch (error) {
    if (error instanceof DoctorFailure) return { what, ok: false, detail: error.detail, fix: error.fix };
    throw error;
  }
}

const PARSE_FIX = "Automox's answer did not have the expected shape; report it to Keywarden's maintainers";

/** Checks one integration: its key reads its own user's keys, is that user's own, and the user has one holder. */
async function integrationChecks(
  client: AutomoxClient,
  connection: AutomoxConnection,
  integration: AutomoxIntegration,
): Promise<DoctorCheck[]> {
  const { name, userId, apiKeyEnv } = integration;
  const label = `integration ${name}`;
  let keys: AutomoxApiKey[] | undefined;
  const listed = await runCheck(
    `${label}: the key in ${apiKeyEnv} lists Automox user ${userId}'s keys`,
    {
      unauthorized: `Automox refuses the key in ${apiKeyEnv}: sign in as user ${userId}, create a key and put it in ${apiKeyEnv}`,
      forbidden: `the key may not read user ${userId}'s keys: set integrations.${name}.user_id to the key's own user`,
      not_found: `Automox has no user ${userId}: set integrations.${name}.user_id to the integration user's id`,
      invalid_request: `Automox refused org_id ${connection.orgId}: set org_id to the organization the user belongs to`,
      unexpected_response: PARSE_FIX,
      default: `check integrations.${name} and org_id in keywarden.yaml`,
    },
    async () => {
      keys = await client.listApiKeys(integration.apiKey, connection.orgId, userId);
      return `${keys.length} key(s) listed`;
    },
  );
  if (!keys) return [listed, skipped(`${label}: the key is the user's own`, 'the key list could not be read')];
  const userKeys = keys;
  let bootstrapId: number | undefined;
  const own = await runCheck(
    `${label}: the key in ${apiKeyEnv} is user ${userId}'s own and may manage its keys`,
    {
      needs_admin:
        `set ${apiKeyEnv} to a key created by user ${userId} itself (or fix integrations.${name}.user_id); if it is ` +
        `that user's own key, ${GRANT_KEY_MANAGE}`,
      default: `check integrations.${name} in keywarden.yaml`,
    },
    async () => {
      bootstrapId = await new BootstrapKeys(client, connection.orgId).find(integration, userKeys);
      if (bootstrapId === undefined) {
        throw new DoctorFailure(
          `the key in ${apiKeyEnv} is not one of user ${userId}'s keys (an administrator's key can list them too)`,
          `set ${apiKeyEnv} to a key created by user ${userId} itself, or fix integrations.${name}.user_id`,
        );
      }
      return `it is key ${bootstrapId}`;
    },
  );
  const cap = verdict(`${label}: the user's keys are within Automox's cap`, () => {
    if (userKeys.length < AUTOMOX_KEY_CAP) return `${userKeys.length} of ${AUTOMOX_KEY_CAP}`;
    throw new DoctorFailure(
      `user ${userId} holds ${userKeys.length} keys, the most Automox allows`,
      'revoke credentials of this integration, or delete keys nobody uses in Automox (Settings → Secrets & Keys)',
    );
  });
  const holder =
    bootstrapId === undefined
      ? skipped(`${label}: the user has one holder`, "Keywarden's key could not be identified")
      : oneHolder(label, integration, userKeys, bootstrapId);
  return [listed, own, cap, holder];
}

/** No key Keywarden did not make, and keys of at most one credential: the user is not shared. */
function oneHolder(
  label: string,
  integration: AutomoxIntegration,
  keys: AutomoxApiKey[],
  bootstrapId: number,
): DoctorCheck {
  return verdict(`${label}: the user has one holder`, () => {
    const untracked = keys.filter((k) => kindOf(k, bootstrapId, '') === 'untracked');
    if (untracked.length > 0) {
      throw new DoctorFailure(
        `user ${integration.userId} holds keys Keywarden did not make: ${describeKeys(untracked)}`,
        'delete them in Automox (Settings → Secrets & Keys); if another tool uses this user, give the integration a user of its own',
      );
    }
    const handedOut = keys.filter((k) => k.id !== bootstrapId);
    const credentials = new Set(handedOut.map((k) => credentialOfKeyName(k.name)).filter((c) => c !== undefined));
    if (credentials.size > 1) {
      throw new DoctorFailure(
        `user ${integration.userId} holds keys of ${credentials.size} credentials (${[...credentials].join(', ')})`,
        "revoke all but one of them (/keys revoke): each holder can read the others' keys",
      );
    }
    return credentials.size === 0 ? 'no key handed out' : `handed out to credential ${[...credentials][0]}`;
  });
}

/** Invite mode: the admin key reads the zone's users, and belongs to a Global Admin. */
async function inviteChecks(accounts: AutomoxAccounts, invite: AutomoxInvite): Promise<DoctorCheck[]> {
  let users: Awaited<ReturnType<AutomoxAccounts['listZoneUsers']>> | undefined;
  const read = await runCheck(
    "invite: the admin key reads the zone's users",
    {
      unauthorized: 'Automox refuses the admin key: put a working key of a Global Admin in invite.admin_api_key_env',
      forbidden: "the admin key may not list the zone's users: use a key of a user with the Global Admin account role",
      not_found: 'Automox has no such account or zone: check invite.account_id and invite.zone_id',
      unexpected_response: PARSE_FIX,
      default: 'check invite in keywarden.yaml',
    },
    async () => {
      users = await accounts.listZoneUsers(invite.adminApiKey, invite.accountId, invite.zoneId);
      return `${users.length} user(s) in the zone`;
    },
  );
  const what = "invite: the admin key's user is a Global Admin";
  if (!users) return [read, skipped(what, "the zone's users could not be read")];
  const zoneUsers = users;
  const admin = await runCheck(
    what,
    { default: 'use a key of a user with the Global Admin account role' },
    async () => {
      const self = await accounts.self(invite.adminApiKey);
      const role = zoneUsers.find((u) => u.id === self.id)?.accountRole;
      if (role === 'global-admin') return `user ${self.id} is a Global Admin`;
      if (role === undefined) return `user ${self.id} read the zone's users; Automox did not show its account role`;
      throw new DoctorFailure(
        `the admin key's user ${self.id} has the account role ${role}; only Global Admins may invite`,
        'use a key of a user with the Global Admin account role in invite.admin_api_key_env',
      );
    },
  );
  return [read, admin];
}

/** Every Automox check for one connection, in order: each integration, then invite mode. Read-only. */
export async function diagnoseAutomox(connection: AutomoxConnection, dispatcher?: Dispatcher): Promise<DoctorCheck[]> {
  const client = new AutomoxClient(connection.baseUrl, dispatcher);
  const checks: DoctorCheck[] = [];
  for (const integration of Object.values(connection.integrations)) {
    checks.push(...(await integrationChecks(client, connection, integration)));
  }
  if (connection.invite)
    checks.push(...(await inviteChecks(new AutomoxAccounts(connection.baseUrl, dispatcher), connection.invite)));
  return checks;
}
