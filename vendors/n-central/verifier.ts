/**
 * Keywarden's own view of an org unit's users, through the verifier user's JWT (`verifier_jwt_env`). A pasted
 * token cannot vouch for itself: its read-only user may not be allowed to list users.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../secret-text';
import type { AccessToken, NCentralClient, NCentralUser } from './client';

/** Sign in again this long before N-central says the access token expires, so no request races its expiry. */
const TOKEN_MARGIN_MS = 60_000;

export class Verifier {
  private cached: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly client: NCentralClient,
    private readonly jwt: SecretText,
    readonly orgUnitId: number,
  ) {}

  /**
   * Every user of the org unit. A refused access token is renewed once, because N-central revokes tokens early
   * (e.g. when the verifier's JWT is regenerated); a second refusal is a configuration problem and says so.
   */
  async users(): Promise<NCentralUser[]> {
    try {
      return await this.list();
    } catch (error) {
      if (!(error instanceof VendorError && error.code === 'unauthorized')) throw this.explain(error);
      this.cached = undefined;
      try {
        return await this.list();
      } catch (again) {
        this.cached = undefined;
        throw this.explain(again);
      }
    }
  }

  private async list(): Promise<NCentralUser[]> {
    return this.client.listUsers(await this.token(), this.orgUnitId);
  }

  /** The cached access token, or a new one; concurrent callers share one sign-in, sparing N-central's limits. */
  private async token(): Promise<AccessToken> {
    if (this.cached && this.cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return this.cached;
    this.pending ??= this.client.authenticate(this.jwt).finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached;
  }

  /** Names the verifier in refusals, so an admin fixes `verifier_jwt_env` rather than blaming the pasted token. */
  private explain(error: unknown): unknown {
    if (!(error instanceof VendorError)) return error;
    if (error.code === 'unauthorized') {
      return new VendorError(
        error.code,
        `N-central refused Keywarden's verifier token (verifier_jwt_env): ${error.message}`,
        error.details,
      );
    }
    if (error.code === 'forbidden') {
      return new VendorError(
        error.code,
        `the verifier user (verifier_jwt_env) may not list the users of org unit ${this.orgUnitId}: ${error.message}`,
        error.details,
      );
    }
    return error;
  }
}
