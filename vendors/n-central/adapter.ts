/**
 * N-able N-central as a Keywarden vendor. N-central has no API to create users or tokens, so an operator does
 * both by hand (tasks) and Keywarden proves the result by API (checks). The credential is the user's JWT; its
 * user's login name derives from the credential id, so the check knows exactly which user to expect.
 */
import type { Dispatcher } from 'undici';
import type { VendorAdapter } from '../types';
import { checkJwtRefused, checkJwtValid, type CheckDeps } from './checks';
import { NCentralClient } from './client';
import type { NCentralConnection } from './config';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from './sign-in';
import { createApiUserInstructions, revokeApiUserInstructions, userNameFor } from './instructions';
import { Verifier } from './verifier';

/**
 * Builds the adapter for one configured N-central server. The verifier user's access token is cached across
 * checks for a few minutes, since N-central limits requests per endpoint. `signInPolicy` sets the quick retries
 * that tell a passing 500 from an expired password (tests shorten them).
 */
export function createNCentralAdapter(
  key: string,
  connection: NCentralConnection,
  dispatcher?: Dispatcher,
  signInPolicy: SignInPolicy = DEFAULT_SIGN_IN_POLICY,
) {
  const client = new NCentralClient(connection.baseUrl, dispatcher);
  const verifier = new Verifier(client, {
    jwt: connection.verifierJwt,
    jwtEnv: connection.verifierJwtEnv,
    orgUnitId: connection.orgUnitId,
    signIn: signInPolicy,
  });
  const deps: CheckDeps = { client, verifier, signIn: signInPolicy };

  return {
    key,
    displayName: connection.displayName,
    roles: connection.roles,
    actions: {},
    conditions: {},
    checks: {
      jwtValid: (input) => checkJwtValid(deps, input),
      jwtRefused: (input) => checkJwtRefused(deps, input),
    },
    tasks: {
      createApiUser: (input) =>
        createApiUserInstructions({
          userName: userNameFor(input.credentialId),
          role: input.role,
          orgUnitId: connection.orgUnitId,
        }),
      revokeApiUser: (input) =>
        revokeApiUserInstructions({
          userName: input.ref.userName ?? userNameFor(input.credentialId),
          ...(input.ref.userId ? { userId: input.ref.userId } : {}),
        }),
    },
  } satisfies VendorAdapter;
}
