/**
 * Keywarden's own admin session at Vectra Fusion: the admin netosecret exchanged for a token, cached until shortly
 * before it expires. Failures only a person can fix (the admin key deleted, its role not admin, the account's
 * shared secret regenerated) become `needs_admin` with what to do, instead of being retried or misreported.
 */
import { VendorError } from '../errors';
import { isRefusal, type AccessToken, type VectraFusionClient } from './client';
import type { Netosecret } from './netosecret';

/** Refresh the admin token this long before the vendor says it expires. */
const TOKEN_MARGIN_MS = 60_000;

const VENDOR = 'Vectra Fusion';

/** The message when Vectra refuses Keywarden's admin netosecret. Never includes the netosecret. */
export function adminRefusedMessage(appname: string, status: number | undefined): string {
  return (
    `Vectra Fusion refused Keywarden's admin API key "${appname}" (HTTP ${status ?? '?'}). Either that key was ` +
    "deleted or regenerated, or an administrator regenerated the account's API shared secret (Settings > API " +
    'shared secret), which breaks every netosecret, the admin one and every key Keywarden delivered. An admin must ' +
    'create an API key with the admin role, put its netosecret in the environment variable named by ' +
    'admin_netosecret_env in keywarden.yaml, and restart Keywarden; after a shared-secret change, delivered keys ' +
    'must be rotated too.'
  );
}

/** The message when the admin key may not manage API keys (403). */
export function adminForbiddenMessage(appname: string): string {
  return (
    `Vectra Fusion does not let Keywarden's API key "${appname}" manage API keys (HTTP 403). An admin must give ` +
    'that key the admin role in Settings > API Keys, or configure the netosecret of a key that has it.'
  );
}

export class AdminSession {
  private token: AccessToken | undefined;

  constructor(
    private readonly client: VectraFusionClient,
    private readonly secret: Netosecret,
  ) {}

  /**
   * Runs `call` with a valid admin token. A 401 from an api-keys call (the cached token was revoked) is retried once
   * with a fresh token; refusals of the admin key itself and 403s become `needs_admin`.
   */
  async run<T>(call: (token: AccessToken) => Promise<T>): Promise<T> {
    try {
      return await call(await this.current());
    } catch (error) {
      if (!(error instanceof VendorError && error.code === 'unauthorized')) throw this.explain(error);
      this.token = undefined;
      try {
        return await call(await this.current());
      } catch (again) {
        throw this.explain(again);
      }
    }
  }

  /**
   * Exchanges the admin netosecret now, even if a cached token is still valid. Used before a netosecret is assembled:
   * it carries the admin's shared secret, and only a fresh exchange proves that secret is still the account's (a
   * cached token outlives a shared-secret regeneration).
   */
  async refresh(): Promise<void> {
    this.token = undefined;
    await this.current();
  }

  private async current(): Promise<AccessToken> {
    if (!this.token || this.token.expiresAt - TOKEN_MARGIN_MS < Date.now()) {
      try {
        this.token = await this.client.exchangeToken(this.secret);
      } catch (error) {
        if (isRefusal(error))
          throw new VendorError('needs_admin', adminRefusedMessage(this.secret.appname, error.details.status), {
            vendor: VENDOR,
            ...(error.details.status === undefined ? {} : { status: error.details.status }),
          });
        throw error;
      }
    }
    return this.token;
  }

  private explain(error: unknown): unknown {
    if (error instanceof VendorError && (error.code === 'forbidden' || error.code === 'unauthorized')) {
      const message =
        error.code === 'forbidden'
          ? adminForbiddenMessage(this.secret.appname)
          : adminRefusedMessage(this.secret.appname, error.details.status);
      return new VendorError('needs_admin', message, { vendor: VENDOR, status: error.details.status ?? 0 });
    }
    return error;
  }
}
