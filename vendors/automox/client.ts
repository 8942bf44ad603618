/**
 * Automox API-key client (VENDOR-EVIDENCE §1.1 A1–A6): the keys of one user. Every method takes the key to call
 * with, because one client serves integration keys, the admin key and pasted keys. Failures are `VendorError`s
 * read from `{"errors": [...]}`; secrets come back wrapped in `SecretText`. Invitations and account users are in
 * `accounts.ts`.
 */
import type { Dispatcher } from 'undici';
import type { VendorHttp } from '../http';
import { SecretText } from '../../secrets/secret-text';
import { apiKeyPageSchema, apiKeySchema, decryptedKeySchema, type AutomoxApiKey } from './schemas';
import { formatAutomoxTime } from './time';
import { auth, automoxHttp, MAX_PAGES, PAGE_LIMIT, tooManyPages, type ApiKey } from './transport';

export { apiRoot, type ApiKey } from './transport';

/** Statuses that mean "this key cannot read its own user's keys" (see `probeKey`). */
const REFUSED = [401, 403];

/** One client for every Automox key Keywarden uses; each call names the key it authenticates with. */
export class AutomoxClient {
  readonly http: VendorHttp;

  constructor(baseUrl: string, dispatcher?: Dispatcher, timeoutMs = 10_000) {
    this.http = automoxHttp(baseUrl, dispatcher, timeoutMs);
  }

  /** Every key of `userId`, without secrets (A1, CONFIRMED). Needs the owner's key or an administrator's. */
  async listApiKeys(key: ApiKey, orgId: number, userId: number): Promise<AutomoxApiKey[]> {
    const keys: AutomoxApiKey[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.http.json(
        { method: 'GET', path: keysPath(userId, orgId, { page, limit: PAGE_LIMIT }), headers: auth(key) },
        apiKeyPageSchema,
      );
      keys.push(...body.results);
      if (body.results.length < PAGE_LIMIT || keys.length >= body.size) return keys;
    }
    throw tooManyPages('API keys');
  }

  /**
   * Creates a key for `userId` (A2), which only that user's own key may do (`forbidden` otherwise, also when the
   * user's role lacks `Personal API Key: Manage`). Success is 200 (spec) or 201; without `expiresAt` the key never
   * expires. A taken name or a full cap is undocumented: 400 (`invalid_request`) or 409 (`conflict`), so callers
   * list again to tell what happened.
   */
  async createApiKey(
    key: ApiKey,
    orgId: number,
    userId: number,
    spec: { name: string; expiresAt?: number },
  ): Promise<AutomoxApiKey> {
    const body = {
      name: spec.name,
      ...(spec.expiresAt === undefined ? {} : { expires_at: formatAutomoxTime(spec.expiresAt) }),
    };
    return this.http.json({ method: 'POST', path: keysPath(userId, orgId), headers: auth(key), body }, apiKeySchema);
  }

  /** A key's secret (A3); only its owner may read it (`forbidden` for anyone else, `not_found` for no such key). */
  async decryptApiKey(key: ApiKey, orgId: number, userId: number, keyId: number): Promise<SecretText> {
    const body = await this.http.json(
      { method: 'POST', path: keysPath(userId, orgId, {}, `/${keyId}/decrypt`), headers: auth(key), idempotent: true },
      decryptedKeySchema,
    );
    return new SecretText(body.api_key);
  }

  /** Enables or disables a key (A4; the owner or an administrator); `absent` when there is no such key. */
  async setApiKeyEnabled(
    key: ApiKey,
    orgId: number,
    userId: number,
    keyId: number,
    enabled: boolean,
  ): Promise<'updated' | 'absent'> {
    const path = keysPath(userId, orgId, {}, `/${keyId}`);
    const status = await this.http.status(
      { method: 'PUT', path, headers: auth(key), body: { is_enabled: enabled } },
      [404],
    );
    return status === 404 ? 'absent' : 'updated';
  }

  /** Deletes a key (A5; 204); `absent` when it was already gone (404), so deletion is idempotent. */
  async deleteApiKey(key: ApiKey, orgId: number, userId: number, keyId: number): Promise<'deleted' | 'absent'> {
    const path = keysPath(userId, orgId, {}, `/${keyId}`);
    const status = await this.http.status({ method: 'DELETE', path, headers: auth(key) }, [404]);
    return status === 404 ? 'absent' : 'deleted';
  }

  /**
   * Whether `key` can still read its own user's key list (A6). `ownerId` must be the key's own user: a working key
   * always may list its own keys (Automox: "all users can … read … their own API keys"), so any refusal of that
   * read means the key no longer opens anything. The status for a disabled, expired or deleted key is undocumented
   * (401 is documented only as "access token is missing or invalid"), so 401 and 403 both count as `refused`.
   * Anything else (400 wrong org, 404, 5xx) is thrown, so an outage or a misconfiguration is never mistaken for
   * a refusal.
   */
  async probeKey(key: ApiKey, orgId: number, ownerId: number): Promise<'accepted' | 'refused'> {
    const path = keysPath(ownerId, orgId, { page: 0, limit: 1 });
    const status = await this.http.status({ method: 'GET', path, headers: auth(key) }, REFUSED);
    return REFUSED.includes(status) ? 'refused' : 'accepted';
  }
}

function keysPath(userId: number, orgId: number, paging: { page?: number; limit?: number } = {}, suffix = ''): string {
  const query = new URLSearchParams({ o: String(orgId) });
  if (paging.page !== undefined) query.set('page', String(paging.page));
  if (paging.limit !== undefined) query.set('limit', String(paging.limit));
  return `/users/${userId}/api_keys${suffix}?${query.toString()}`;
}
