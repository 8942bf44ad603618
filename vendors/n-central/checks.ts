/**
 * The API checks behind N-central's human tasks. A failed check is an outcome whose `detail` tells the operator
 * what to fix (it re-opens their task); only outages and configuration problems are thrown.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../secret-text';
import type { StepInput, VerifyOutcome } from '../types';
import type { AccessToken, NCentralClient, NCentralUser } from './client';
import { userNameFor } from './instructions';
import { decodeJwtPayload, jwtExpiresAt } from './jwt';
import type { Verifier } from './verifier';

export interface CheckDeps {
  client: NCentralClient;
  verifier: Verifier;
}

const NOT_A_JWT =
  'that is not a JSON web token: copy the whole token N-central shows after "Generate JSON Web Token" (three parts separated by dots)';

/**
 * The pasted JWT signs in, as exactly `keywarden-<credentialId>`, an enabled API-only user without two-factor
 * authentication in the configured org unit. On success the ref names the user and `expiresAt` is the JWT's `exp`.
 */
export async function checkJwtValid({ client, verifier }: CheckDeps, input: StepInput): Promise<VerifyOutcome> {
  const userName = userNameFor(input.credentialId);
  if (!input.secret) return { ok: false, detail: 'no JSON web token has been handed in yet' };
  if (!decodeJwtPayload(input.secret.reveal())) return { ok: false, detail: NOT_A_JWT };
  const expiresAt = jwtExpiresAt(input.secret.reveal());
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    return { ok: false, detail: `the token expired on ${expiresAt.toISOString()}: generate a new one for ${userName}` };
  }
  const signIn = await authenticates(client, input.secret);
  if ('refused' in signIn) return { ok: false, detail: await explainRefusal(verifier, userName, signIn.refused) };
  const me = await client.me(signIn.token);
  if (me.userName !== userName) {
    return {
      ok: false,
      detail: `the token belongs to user ${me.userName}, not ${userName}: generate the token on the user ${userName}`,
    };
  }
  const user = (await verifier.users()).find((listed) => listed.userId === me.userId);
  const problem = userProblem(user, userName, verifier);
  if (problem) return { ok: false, detail: problem };
  return {
    ok: true,
    detail: `the token signs in as ${userName}, an API-only user without two-factor authentication`,
    ref: { userId: me.userId, userName },
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
}

/**
 * The credential's old JWT no longer signs in. Without a recorded token (provisioning never finished) the user
 * must be gone or disabled instead.
 */
export async function checkJwtRefused({ client, verifier }: CheckDeps, input: StepInput): Promise<VerifyOutcome> {
  const userName = input.ref.userName ?? userNameFor(input.credentialId);
  if (!input.secret) {
    const user = (await verifier.users()).find((u) => u.userId === input.ref.userId || u.userName === userName);
    return user?.isEnabled
      ? { ok: false, detail: `user ${userName} is still enabled and Keywarden has no token to test: disable it` }
      : { ok: true, detail: `user ${userName} is disabled or gone` };
  }
  const signIn = await authenticates(client, input.secret);
  return 'refused' in signIn
    ? { ok: true, detail: `the old token is refused (${signIn.refused})` }
    : {
        ok: false,
        detail: `the old token still signs in as ${userName}: disable the user or regenerate its token, then click Done again`,
      };
}

/** Signs in with a JWT; a refusal is a result (with N-central's reason), any other failure is thrown. */
async function authenticates(
  client: NCentralClient,
  jwt: SecretText,
): Promise<{ token: AccessToken } | { refused: string }> {
  // Something that is not a JWT could hold characters no HTTP header may carry; it is refused without a request.
  if (!decodeJwtPayload(jwt.reveal())) return { refused: 'not a JSON web token' };
  try {
    return { token: await client.authenticate(jwt) };
  } catch (error) {
    if (error instanceof VendorError && error.code === 'unauthorized') return { refused: error.message };
    throw error;
  }
}

/** Why a pasted token was refused, in terms the operator can act on, from what the verifier sees of the user. */
async function explainRefusal(verifier: Verifier, userName: string, reason: string): Promise<string> {
  const user = (await verifier.users()).find((u) => u.userName === userName);
  const hint =
    userProblem(user, userName, verifier) ??
    `generate a new token for ${userName} and paste all of it (a regenerated token replaces the old one)`;
  return `the token was refused (${reason}): ${hint}`;
}

/** What is wrong with the user behind a credential, or undefined when it is fit for API use. */
function userProblem(user: NCentralUser | undefined, userName: string, verifier: Verifier): string | undefined {
  if (!user) {
    return `there is no user ${userName} in org unit ${verifier.orgUnitId}, where Keywarden looks: create it there with exactly that login name`;
  }
  if (!user.isEnabled) return `user ${userName} is disabled: enable it, then submit the token again`;
  if (user.twoFactorEnabled) {
    return `user ${userName} has two-factor authentication on: turn it off, then submit the token again`;
  }
  if (!user.apiOnlyUser) {
    return `user ${userName} is not an API-only user: tick "API-only user" on its API Access tab, save, then submit the token again`;
  }
  return undefined;
}
