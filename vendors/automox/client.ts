/**
 * Automox API client (VENDORS.md): the API-key endpoints of one user, invitations and zone users. Every method
 * takes the key to call with, because one client serves the admin key, the service user's key and pasted keys.
 * Failures are `VendorError`s read from `{"errors": [...]}`; secrets come back wrapped in `SecretText`.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import { VendorHttp } from '../http';
import { SecretText } from '../secret-text';
import {
  apiKeyPageSchema,
  apiKeySchema,
  decryptedKeySchema,
  errorBodySchema,
  invitationSchema,
  zoneUserPageSchema,
  type AutomoxApiKey,
  type AutomoxInvitation,
  type AutomoxZoneUser,
} from './schemas';
import { formatAutomoxTime } from './time';

/** A key to call with: the plaintext, or wrapped so it cannot be logged by accident. */
export type ApiKey = SecretText | string;

/** Automox's largest page; a user holds at most 10 keys, so key lists take one page in practice. */
const PAGE_LIMIT = 500;
/** A server that never reports a last page must not loop forever. */
const MAX_PAGES = 200;

/** `https://host` or `https://host/api` → the API root. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api$/, '')}/api`;
}

/** One client for every Automox key Keywarden uses; each call names the key it authenticates with. */
export class AutomoxClient {
  private readonly http: VendorHttp;

  constructor(baseUrl: string, dispatcher?: Dispatcher, timeoutMs = 10_000) {
    this.http = new VendorHttp({
      vendor: 'Automox',
      baseUrl: apiRoot(baseUrl),
      dispatcher,
      timeoutMs,
      describeError: (status, body) => {
        const parsed = errorBodySchema.safeParse(body);
        return parsed.success ? `${parsed.data.errors[0]} (HTTP ${status})` : `HTTP ${status}`;
      },
    });
  }

  /** Every key of `userId`, without secrets. Needs the owner's key or an administrator's. */
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
   * Creates a key for `userId`, which only that user's own key may do (`forbidden` otherwise). Without
   * `expiresAt` the key never expires. A taken name is `conflict`; Automox refuses an 11th key (`invalid_request`).
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

  /** A key's secret; only its owner may read it (`forbidden` for anyone else, `not_found` for no such key). */
  async decryptApiKey(key: ApiKey, orgId: number, userId: number, keyId: number): Promise<SecretText> {
    const body = await this.http.json(
      { method: 'POST', path: keysPath(userId, orgId, {}, `/${keyId}/decrypt`), headers: auth(key) },
      decryptedKeySchema,
    );
    return new SecretText(body.api_key);
  }

  /** Enables or disables a key (the owner or an administrator); `absent` when there is no such key. */
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

  /** Deletes a key (the owner or an administrator); `absent` when it was already gone, so deletion is idempotent. */
  async deleteApiKey(key: ApiKey, orgId: number, userId: number, keyId: number): Promise<'deleted' | 'absent'> {
    const path = keysPath(userId, orgId, {}, `/${keyId}`);
    const status = await this.http.status({ method: 'DELETE', path, headers: auth(key) }, [404]);
    return status === 404 ? 'absent' : 'deleted';
  }

  /**
   * Whether Automox accepts `key` at all, by listing one key of `userId`: `refused` on 401 (wrong, disabled,
   * expired or deleted key). A 403 still counts as `accepted`: the key signed in but may not see that user.
   * Any other failure is thrown, so an outage is never mistaken for a refusal.
   */
  async probeKey(key: ApiKey, orgId: number, userId: number): Promise<'accepted' | 'refused'> {
    const path = keysPath(userId, orgId, { page: 0, limit: 1 });
    const status = await this.http.status({ method: 'GET', path, headers: auth(key) }, [401, 403]);
    return status === 401 ? 'refused' : 'accepted';
  }

  /**
   * Invites `email` with no account role and the zone role `read-only`; needs a Global Admin's key. `conflict`
   * when the person already has a user or an open invitation.
   */
  async invite(
    adminKey: ApiKey,
    accountId: string,
    spec: { email: string; zoneId: string },
  ): Promise<AutomoxInvitation[]> {
    const body = {
      email: spec.email,
      account_rbac_role: 'no-global-access',
      zone_assignments: [{ zone_id: spec.zoneId, rbac_role: 'read-only' }],
    };
    return this.http.json(
      { method: 'POST', path: `/accounts/${encodeURIComponent(accountId)}/invitations`, headers: auth(adminKey), body },
      invitationSchema.array(),
    );
  }

  /** Every member of a zone, invited or active, across all pages. */
  async listZoneUsers(adminKey: ApiKey, accountId: string, zoneId: string): Promise<AutomoxZoneUser[]> {
    const base = `/accounts/${encodeURIComponent(accountId)}/zones/${encodeURIComponent(zoneId)}/users`;
    const users: AutomoxZoneUser[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ page: String(page), limit: String(PAGE_LIMIT) });
      const body = await this.http.json(
        { method: 'GET', path: `${base}?${query.toString()}`, headers: auth(adminKey) },
        zoneUserPageSchema,
      );
      users.push(...body.data);
      // `current_page` is assumed to echo `page` (from 0); stopping on an empty page covers a 1-based server too.
      if (body.data.length === 0 || page + 1 >= body.metadata.total_pages) return users;
    }
    throw tooManyPages('zone users');
  }
}

function auth(key: ApiKey): Record<string, string> {
  return { authorization: `Bearer ${typeof key === 'string' ? key : key.reveal()}` };
}

function keysPath(userId: number, orgId: number, paging: { page?: number; limit?: number } = {}, suffix = ''): string {
  const query = new URLSearchParams({ o: String(orgId) });
  if (paging.page !== undefined) query.set('page', String(paging.page));
  if (paging.limit !== undefined) query.set('limit', String(paging.limit));
  return `/users/${userId}/api_keys${suffix}?${query.toString()}`;
}

function tooManyPages(what: string): VendorError {
  return new VendorError('unexpected_response', `Automox kept paging ${what} past ${MAX_PAGES} pages`, {
    vendor: 'Automox',
  });
}
