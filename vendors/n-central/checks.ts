/**
 * The API checks behind N-central's human tasks. A failed check is an outcome whose `detail` tells the operator
 * what to fix (it re-opens their task); only outages and configuration problems are thrown.
 */
import { VendorError } from '../errors';
import type { StepInput, VerifyOutcome } from '../types';
import type { NCentralClient, NCentralUser } from './client';
import { ownership } from './identity';
import { userNameFor } from './instructions';
import { decodeJwtPayload, jwtExpiresAt } from './jwt';
import { passwordExpiredHint, signIn, type SignInPolicy } from './sign-in';
import type { Verifier } from './verifier';

export interface CheckDeps {
  client: NCentralClient;
  verifier: Verifier;
  signIn: SignInPolicy;
}

const NOT_A_JWT =
  'that is not a JSON web token: copy the whole token N-central shows after "Generate JSON Web Token" (three parts separated by dots)';

/**
 * The pasted JWT signs in, as exactly `keywarden-<credentialId>`, an enabled API-only user without two-factor
 * authentication in the configured org unit. On success the ref names the user and `expiresAt` is the JWT's `exp`.
 */
export async function checkJwtValid(deps: CheckDeps, input: StepInput): Promise<VerifyOutcome> {
  const { client, verifier } = deps;
  const userName = userNameFor(input.credentialId);
  if (!input.secret) return { ok: false, detail: 'no JSON web token has been handed in yet' };
  if (!decodeJwtPayload(input.secret.reveal())) return { ok: false, detail: NOT_A_JWT };
  const expiresAt = jwtExpiresAt(input.secret.reveal());
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    return { ok: false, detail: `the token expired on ${expiresAt.toISOString()}: generate a new one for ${userName}` };
  }
  const signedIn = await signIn(client, input.secret, deps.signIn);
  if ('refused' in signedIn) return { ok: false, detail: await explainRefusal(verifier, userName, signedIn.refused) };
  if ('persistent500' in signedIn) {
    await verifier.confirmSignsIn(); // a 500 for everyone is the verifier's problem (or an outage), not this token's
    return { ok: false, detail: passwordExpiredHint(userName) };
  }
  const users = await verifier.users();
  const user = users.find((listed) => listed.userName === userName);
  const owner = await ownership(client, signedIn.token, input.secret, userName, users);
  if (owner.kind === 'other') {
    return {
      ok: false,
      detail: `the token belongs to user ${owner.who}, not ${userName}: generate the token on the user ${userName}`,
    };
  }
  if (!user) return { ok: false, detail: notInOrgUnit(userName, verifier) };
  const problem = userProblem(user, userName);
  if (problem) return { ok: false, detail: problem };
  if (owner.kind === 'unknown') throw unprovableOwner(userName);
  return {
    ok: true,
    detail: `the token signs in as ${userName}, an API-only user without two-factor authentication`,
    ref: { userId: user.userId, userName },
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
}

/**
 * The credential's old JWT no longer signs in. Without a recorded token (provisioning never finished) the user
 * must be gone or disabled instead.
 */
export async function checkJwtRefused(deps: CheckDeps, input: StepInput): Promise<VerifyOutcome> {
  const { client, verifier } = deps;
  const userName = input.ref.userName ?? userNameFor(input.credentialId);
  if (!input.secret) {
    const user = (await verifier.users()).find((u) => u.userId === input.ref.userId || u.userName === userName);
    if (!user || user.isEnabled === false) return { ok: true, detail: `user ${userName} is disabled or gone` };
    return {
      ok: false,
      detail: `user ${userName} may still be enabled and Keywarden has no token to test: disable it`,
    };
  }
  const signedIn = await signIn(client, input.secret, deps.signIn);
  if ('refused' in signedIn) return { ok: true, detail: `the old token is refused (${signedIn.refused})` };
  if ('persistent500' in signedIn) {
    // Field reports tie a 500 on every call to an expired password (§2.4). While the verifier signs in fine, the
    // old token cannot obtain an access token, so nothing can use it: it is refused. If the verifier fails too,
    // N-central itself is the problem, and `confirmSignsIn` throws saying so instead of concluding anything.
    await verifier.confirmSignsIn();
    return {
      ok: true,
      detail: `the old token cannot obtain an access token (N-central answers HTTP 500 to it while Keywarden's verifier signs in; ${userName}'s password has probably expired)`,
    };
  }
  return {
    ok: false,
    detail: `the old token still signs in as ${userName}: disable the user or regenerate its token, then click Done again`,
  };
}

/** Why a pasted token was refused, in terms the operator can act on, from what the verifier sees of the user. */
async function explainRefusal(verifier: Verifier, userName: string, reason: string): Promise<string> {
  const user = (await verifier.users()).find((u) => u.userName === userName);
  const hint =
    (user ? userProblem(user, userName) : notInOrgUnit(userName, verifier)) ??
    `generate a new token for ${userName} and paste all of it (a regenerated token replaces the old one)`;
  return `the token was refused (${reason}): ${hint}`;
}

/**
 * What is wrong with the user behind a credential, or undefined when it is fit for API use. A flag N-central
 * leaves empty (users it does not manage itself) only passes where signing in already proved it: a user that
 * signed in is enabled and has no two-factor authentication, but "API-only" must be seen.
 */
function userProblem(user: NCentralUser, userName: string): string | undefined {
  if (user.isEnabled === false) return `user ${userName} is disabled: enable it, then submit the token again`;
  if (user.twoFactorEnabled) {
    return `user ${userName} has two-factor authentication on: turn it off, then submit the token again`;
  }
  if (user.apiOnlyUser !== true) {
    return `user ${userName} is not ${user.apiOnlyUser === false ? '' : 'shown as '}an API-only user: tick "API-only user" on its API Access tab, save, then submit the token again`;
  }
  return undefined;
}

function notInOrgUnit(userName: string, verifier: Verifier): string {
  return `there is no user ${userName} in org unit ${verifier.orgUnitId}, where Keywarden looks: create it there with exactly that login name`;
}

/** No hint said whose token it is: handing it out could give someone a broader user's token, so only a person can decide. */
function unprovableOwner(userName: string): VendorError {
  return new VendorError(
    'needs_admin',
    `N-central signed the token in but did not say whose it is (GET /api/users/me gave no user and the token names none), so Keywarden cannot prove it belongs to ${userName} and will not hand it out. Check that the N-central server is reachable at /api/users/me with the token's access rights, and report the N-central version to Keywarden's maintainers`,
    { vendor: 'N-central' },
  );
}
