/**
 * `keywarden doctor` for N-central: read-only checks of the configured connection. It signs the verifier in
 * (`POST /api/auth/authenticate`, which changes nothing) and lists the org unit's users; it never creates,
 * changes or deletes anything, and never prints a token.
 */
import type { Dispatcher } from 'undici';
import { DoctorFailure, runCheck, skipped, type DoctorCheck } from '../doctor-kit';
import { NCentralClient, type AccessToken } from './client';
import type { NCentralConnection } from './config';
import { jwtExpiresAt } from './jwt';
import { DEFAULT_SIGN_IN_POLICY, signIn, type SignInPolicy } from './sign-in';

/** Warn this long before the verifier JWT's `exp` (the community client warns at 14 days too). */
export const EXPIRY_WARNING_MS = 14 * 86_400_000;

/** Runs every check in order; the list check needs the sign-in and is reported as skipped when it failed. */
export async function diagnoseNCentral(
  connection: NCentralConnection,
  dispatcher?: Dispatcher,
  signInPolicy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
): Promise<DoctorCheck[]> {
  const client = new NCentralClient(connection.baseUrl, dispatcher);
  const env = connection.verifierJwtEnv;
  const regenerate = `generate a new JSON web token for the verifier user (Administration → User Management → Users → the user → API Access), put it in ${env} and restart Keywarden`;
  let token: AccessToken | undefined;
  const signInCheck = await runCheck(`the verifier token (${env}) signs in`, { default: regenerate }, async () => {
    const result = await signIn(client, connection.verifierJwt, signInPolicy);
    if ('refused' in result) {
      throw new DoctorFailure(
        `N-central refused it: ${result.refused}`,
        `if the verifier user is disabled, enable it; otherwise ${regenerate}`,
      );
    }
    if ('persistent500' in result) {
      throw new DoctorFailure(
        `N-central answers HTTP 500 to every sign-in with it (${result.persistent500})`,
        `the verifier user's password has probably expired (N-central expires API users' passwords every ~90 days): reset it in N-central, then ${regenerate}`,
      );
    }
    token = result.token;
    return 'N-central issued an access token';
  });
  const listWhat = `the verifier may list the users of org unit ${connection.orgUnitId}, and the list parses`;
  return [
    signInCheck,
    expiryCheck(connection, regenerate),
    token ? await listCheck(client, token, connection, listWhat) : skipped(listWhat, 'the verifier could not sign in'),
  ];
}

/** The verifier JWT's `exp` is not near; configuration already refuses one that has passed. */
function expiryCheck(connection: NCentralConnection, regenerate: string): DoctorCheck {
  const what = `the verifier token (${connection.verifierJwtEnv}) does not expire within 14 days`;
  const expiresAt = jwtExpiresAt(connection.verifierJwt.reveal());
  if (!expiresAt) return { what, ok: true, detail: 'it carries no expiry' };
  const detail = `it expires on ${expiresAt.toISOString()}`;
  if (expiresAt.getTime() - Date.now() >= EXPIRY_WARNING_MS) return { what, ok: true, detail };
  return { what, ok: false, detail, fix: `before then, ${regenerate}` };
}

function listCheck(
  client: NCentralClient,
  token: AccessToken,
  connection: NCentralConnection,
  what: string,
): Promise<DoctorCheck> {
  const { orgUnitId } = connection;
  return runCheck(
    what,
    {
      forbidden: `give the verifier user's role "Users: Read Only" under User Management (Administration → User Management → Roles)`,
      not_found: `org_unit_id ${orgUnitId} is not an org unit N-central knows: set org_unit_id in keywarden.yaml to the id of the org unit where operators create Keywarden's users`,
      invalid_request: `N-central reported an error (see the detail): if it names a permission, give the verifier user's role "Users: Read Only"; otherwise check org_unit_id ${orgUnitId}`,
      unexpected_response:
        "the list did not have the documented shape {data: [{userId, userName, ...}], totalPages}: check the N-central version and report it to Keywarden's maintainers",
      default: 'check base_url and org_unit_id in keywarden.yaml',
    },
    async () => {
      const users = await client.listUsers(token, orgUnitId);
      const unmanaged = users.filter((u) => u.apiOnlyUser == null || u.isEnabled == null).length;
      return `${users.length} users listed${unmanaged ? ` (${unmanaged} without N-central's own flags, e.g. SSO users)` : ''}`;
    },
  );
}
