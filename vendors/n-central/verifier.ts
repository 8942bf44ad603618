/**
 * Keywarden's own view of an org unit's users, through the verifier user's JWT (`verifier_jwt_env`). A pasted
 * token cannot vouch for itself: its read-only user may not be allowed to list users.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { AccessToken, NCentralClient, NCentralUser } from './client';
import { signIn, type SignInPolicy } from './sign-in';

/** Sign in again this long before N-central says the access token expires, so no request races its expiry. */
const TOKEN_MARGIN_MS = 60_000;
/**
 * Reuse an access token at most this long, although N-central grants an hour: a regenerated or disabled verifier
 * (or its expired password) then shows within minutes, as a clear message, not as odd failures an hour later.
 */
export const MAX_TOKEN_REUSE_MS = 5 * 60_000;

export interface VerifierSettings {
  jwt: SecretText;
  /** The environment variable holding `jwt`, named in messages so an admin knows what to replace. */
  jwtEnv: string;
  orgUnitId: number;
  signIn: SignInPolicy;
}

export class Verifier {
  private cached: { token: AccessToken; reuseUntil: number } | undefined;
  private pending: Promise<AccessToken> | undefined;
  readonly orgUnitId: number;

  constructor(
    private readonly client: NCentralClient,
    private readonly settings: VerifierSettings,
  ) {
    this.orgUnitId = settings.orgUnitId;
  }

  /**
   * Every user of the org unit. A refused access token, or a 500, is retried once after a fresh sign-in, because
   * N-central revokes tokens early and a 500 may mean the verifier's password expired (which the sign-in tells).
   */
  async users(): Promise<NCentralUser[]> {
    try {
      return await this.list();
    } catch (error) {
      const status = error instanceof VendorError ? error.details.status : undefined;
      if (status !== 401 && status !== 500) throw this.explain(error);
      this.cached = undefined;
      try {
        return await this.list();
      } catch (again) {
        this.cached = undefined;
        throw this.explain(again);
      }
    }
  }

  /** Proves the verifier can sign in right now (a fresh sign-in); throws, with what to do, when it cannot. */
  async confirmSignsIn(): Promise<void> {
    this.cached = undefined;
    await this.token();
  }

  private async list(): Promise<NCentralUser[]> {
    return this.client.listUsers(await this.token(), this.orgUnitId);
  }

  /** The cached access token, or a new one; concurrent callers share one sign-in, sparing N-central's limits. */
  private async token(): Promise<AccessToken> {
    const now = Date.now();
    if (this.cached && this.cached.reuseUntil > now) return this.cached.token;
    this.pending ??= this.freshToken().finally(() => (this.pending = undefined));
    const token = await this.pending;
    this.cached = { token, reuseUntil: Math.min(token.expiresAt - TOKEN_MARGIN_MS, now + MAX_TOKEN_REUSE_MS) };
    return token;
  }

  private async freshToken(): Promise<AccessToken> {
    const { jwtEnv } = this.settings;
    const source = `verifier_jwt_env ${jwtEnv}`;
    const result = await signIn(this.client, this.settings.jwt, this.settings.signIn);
    if ('token' in result) return result.token;
    const restart = `generate a new JSON web token for the verifier user, put it in ${jwtEnv} and restart Keywarden`;
    if ('refused' in result) {
      throw new VendorError(
        'unauthorized',
        `N-central refused Keywarden's verifier token (${source}): ${result.refused}. If the verifier user was disabled, enable it; then ${restart}`,
        { vendor: 'N-central' },
      );
    }
    throw new VendorError(
      'needs_admin',
      `N-central answers HTTP 500 to every sign-in with Keywarden's verifier token (${source}): the N-central verifier user's password has probably expired (N-central expires API users' passwords every ~90 days). Reset it in N-central, ${restart}`,
      { vendor: 'N-central', status: 500 },
    );
  }

  /** Names the verifier in failures, so an admin fixes `verifier_jwt_env` rather than blaming the pasted token. */
  private explain(error: unknown): unknown {
    if (!(error instanceof VendorError)) return error;
    const { jwtEnv } = this.settings;
    if (error.code === 'unauthorized' && !error.message.includes(jwtEnv)) {
      return new VendorError(
        error.code,
        `N-central refused Keywarden's verifier token (verifier_jwt_env ${jwtEnv}): ${error.message}`,
        error.details,
      );
    }
    if (error.code === 'forbidden') {
      return new VendorError(
        error.code,
        `the verifier user (verifier_jwt_env ${jwtEnv}) may not list the users of org unit ${this.orgUnitId}: ${error.message}. Give its role "Users: Read Only" under User Management`,
        error.details,
      );
    }
    return error;
  }
}
