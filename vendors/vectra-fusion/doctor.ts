/**
 * `keywarden doctor` for Vectra Fusion: read-only checks of the configured connection. It exchanges the admin
 * netosecret for a token (a POST that changes nothing) and reads; it never creates, changes or deletes a key.
 */
import type { Dispatcher } from 'undici';
import { DoctorFailure, runCheck, skipped, type DoctorCheck } from '../doctor-kit';
import { VendorError } from '../errors';
import { adminRefusedMessage } from './admin';
import { apiRoot, VectraFusionClient, type AccessToken, type VectraKey } from './client';
import type { VectraFusionConnection } from './config';
import { describeRoles } from './keys';

const NEW_ADMIN_KEY =
  'create an API key with the admin role in Settings > API Keys and put its netosecret in the environment variable ' +
  'named by admin_netosecret_env';

/** Runs every check in order; a check that needs an earlier one's result is reported as skipped when that failed. */
export async function diagnoseVectraFusion(
  connection: VectraFusionConnection,
  dispatcher?: Dispatcher,
): Promise<DoctorCheck[]> {
  const client = new VectraFusionClient(connection.baseUrl, dispatcher);
  const admin = connection.adminNetosecret.appname;
  const checks: DoctorCheck[] = [await rootCheck(client, apiRoot(connection.baseUrl))];
  // Past a wrong root every answer is a 404 that would read as a refused key: report the root alone.
  if (!checks[0]?.ok)
    return [...checks, skipped(exchangeWhat(admin), 'the API root did not answer'), ...dependentsSkipped(admin)];

  let token: AccessToken | undefined;
  checks.push(
    await runCheck(exchangeWhat(admin), { default: `${NEW_ADMIN_KEY}, then restart Keywarden` }, async () => {
      token = await exchange(client, connection);
      return 'Vectra Fusion issued an access token';
    }),
  );
  if (!token) return [...checks, ...dependentsSkipped(admin)];

  let keys: VectraKey[] | undefined;
  checks.push(
    await runCheck(
      LIST_CHECK,
      {
        forbidden: `give key "${admin}" the admin role in Settings > API Keys, or ${NEW_ADMIN_KEY}`,
        unexpected_response: 'the list did not have the documented shape {meta, data: [{appname, roles}]}; report this',
        default: `${NEW_ADMIN_KEY}, then restart Keywarden`,
      },
      async () => {
        keys = await client.listKeys(token as AccessToken);
        return `${keys.length} API keys listed`;
      },
    ),
  );
  checks.push(keys ? adminRoleCheck(keys, admin) : skipped(adminRoleWhat(admin), 'the key list could not be read'));
  checks.push(await rolesCheck(client, token, connection.roles));
  return checks;
}

const LIST_CHECK = 'the admin key can list API keys (the permission Keywarden uses) and the list parses';

function exchangeWhat(admin: string): string {
  return `the admin netosecret (key "${admin}") exchanges for an access token`;
}

function adminRoleWhat(admin: string): string {
  return `the admin key "${admin}" has the admin role`;
}

/** The API root, asked without a token: the documented 401 proves the path; 404 means a wrong base_url. */
function rootCheck(client: VectraFusionClient, root: string): Promise<DoctorCheck> {
  return runCheck(
    `the API root ${root} answers`,
    {
      not_found:
        "base_url (or the admin netosecret's url) must be the API origin, e.g. https://api.netography.com, or end in /api/v1",
      default: 'check base_url in keywarden.yaml: it must point at the Vectra Fusion API',
    },
    async () => `GET /api-keys without a token answered HTTP ${await client.probeRoot()}`,
  );
}

/** The admin exchange, with a refusal explained (deleted key or regenerated shared secret). */
async function exchange(client: VectraFusionClient, connection: VectraFusionConnection): Promise<AccessToken> {
  try {
    return await client.exchangeToken(connection.adminNetosecret);
  } catch (error) {
    if (error instanceof VendorError && (error.code === 'unauthorized' || error.code === 'not_found'))
      throw new DoctorFailure(
        adminRefusedMessage(connection.adminNetosecret.appname, error.details.status),
        `${NEW_ADMIN_KEY}, then restart Keywarden; if the shared secret was regenerated, rotate delivered keys too`,
      );
    throw error;
  }
}

function adminRoleCheck(keys: VectraKey[], admin: string): DoctorCheck {
  const what = adminRoleWhat(admin);
  const own = keys.find((key) => key.appname === admin);
  if (!own) return { what, ok: false, detail: `key "${admin}" is not in the list`, fix: `${NEW_ADMIN_KEY}` };
  if (own.roles.includes('admin')) return { what, ok: true, detail: `role ${describeRoles(own)}` };
  return {
    what,
    ok: false,
    detail: `key "${admin}" has role ${describeRoles(own)}`,
    fix: `give key "${admin}" the admin role in Settings > API Keys, or ${NEW_ADMIN_KEY}`,
  };
}

async function rolesCheck(client: VectraFusionClient, token: AccessToken, configured: readonly string[]) {
  return runCheck(
    `the configured roles (${configured.join(', ')}) exist in Vectra Fusion`,
    { default: 'check that the admin key can read Settings > Roles' },
    async () => {
      const known = await client.listRoles(token);
      const unknown = configured.filter((role) => !known.includes(role));
      if (unknown.length > 0)
        throw new DoctorFailure(
          `Vectra Fusion does not know the role(s) ${unknown.join(', ')} (it knows: ${known.join(', ')})`,
          'set roles in keywarden.yaml to roles Vectra Fusion lists under Settings > Roles',
        );
      return `known roles: ${known.join(', ')}`;
    },
  );
}

function dependentsSkipped(admin: string): DoctorCheck[] {
  return [
    skipped(LIST_CHECK, 'no admin token'),
    skipped(adminRoleWhat(admin), 'no admin token'),
    skipped('the configured roles exist in Vectra Fusion', 'no admin token'),
  ];
}
