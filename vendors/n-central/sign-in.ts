/**
 * Signing in with a user's JWT (`POST /api/auth/authenticate`, CONFIRMED) and reading the answers N-central does
 * not document: the status of a refused JWT, and the 500 that field reports tie to an expired password.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { AccessToken, NCentralClient } from './client';
import { decodeJwtPayload } from './jwt';

export type SignIn =
  | { token: AccessToken }
  /** N-central refused the JWT, with its reason. */
  | { refused: string }
  /** Every attempt answered HTTP 500: the user's password has probably expired (COMMUNITY, §2.4 risk 1). */
  | { persistent500: string };

/** Quick retries inside one activity, so a passing hiccup is not mistaken for an expired password. */
export interface SignInPolicy {
  attempts: number;
  pauseMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { attempts: 3, pauseMs: 1_000 };

/**
 * The status N-central gives a bad, regenerated or disabled JWT is undocumented (§2.2), so each of these means
 * "refused". A 200 carrying an error is not among them: it is thrown, never read as a refusal or a success.
 */
const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 401, 403]);
const INTERNAL_SERVER_ERROR = 500;

/** Signs in with a JWT. Refusals and a persistent 500 are results; anything else (outages, 429) is thrown. */
export async function signIn(client: NCentralClient, jwt: SecretText, policy: SignInPolicy): Promise<SignIn> {
  // Something that is not a JWT could hold characters no HTTP header may carry; it is refused without a request.
  if (!decodeJwtPayload(jwt.reveal())) return { refused: 'not a JSON web token' };
  for (let attempt = 1; ; attempt++) {
    try {
      return { token: await client.authenticate(jwt) };
    } catch (error) {
      const status = error instanceof VendorError ? error.details.status : undefined;
      if (status === undefined) throw error;
      if (REFUSAL_STATUSES.has(status)) return { refused: (error as VendorError).message };
      if (status !== INTERNAL_SERVER_ERROR) throw error;
      if (attempt >= policy.attempts) return { persistent500: (error as VendorError).message };
      await new Promise((resolve) => setTimeout(resolve, policy.pauseMs));
    }
  }
}

/** What to tell the operator about a JWT whose every sign-in answers 500. */
export function passwordExpiredHint(userName: string): string {
  return `N-central answers HTTP 500 to every sign-in with this token: the password of ${userName} has probably expired (N-central expires API users' passwords about every 90 days). Reset its password in N-central, generate a new token for ${userName} and paste that`;
}
