/**
 * Vectra Fusion API client (VENDOR-EVIDENCE §3): token exchange with a netosecret, then the api-keys endpoints.
 * Only documented calls are made: a key is looked up in the list (`GET /api-keys`), never by a 404 from
 * `GET /api-keys/{appname}`, whose 404 the spec does not document. Raw JSON is parsed here and never leaves this
 * folder; secrets come back wrapped in `SecretText`.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { VendorError } from '../errors';
import { VendorHttp } from '../http';
import { SecretText } from '../../secrets/secret-text';
import { signNetoJwt } from './jwt';
import type { Netosecret } from './netosecret';

/** Used when a token answer carries no `expires_in`: short, so the admin token is simply fetched again. */
const DEFAULT_TOKEN_SECONDS = 300;

// Keycloak-shaped (`refresh_token`, `id_token`, `session-state`, …): only what Keywarden uses is read.
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });
// `last_login` is a unix number (VENDOR-EVIDENCE §3.2) read as evidence that a consumer uses a key; any other shape
// reads as "unknown" rather than failing the parse. `last_ip` is not read.
const keySchema = z.object({
  appname: z.string().min(1),
  last_login: z.number().nullish().catch(null),
  description: z.string().nullish(),
  roles: z
    .array(z.string())
    .nullish()
    .transform((roles) => roles ?? []),
});
const keyWithSecretSchema = z.object({ data: z.object({ appkey: z.string().min(1) }) });
const keyListSchema = z.object({ data: z.array(keySchema) });
// The spec documents `data` of GET /roles as one object; a list is what a listing usually returns. Accept both.
const roleSchema = z.object({ name: z.string().min(1) });
const roleListSchema = z.object({ data: z.union([z.array(roleSchema), roleSchema]) });
const errorSchema = z.object({ message: z.string() }).partial();

export type VectraKey = z.infer<typeof keySchema>;

export interface AccessToken {
  token: SecretText;
  expiresAt: number;
}

/** `https://host`, `https://host/` or `https://host/api/v1` → the API root, `https://host/api/v1`. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
}

/** Whether `/auth/token` refused the key: 401 and 404 are both documented refusals. */
export function isRefusal(error: unknown): error is VendorError {
  return error instanceof VendorError && (error.code === 'unauthorized' || error.code === 'not_found');
}

export class VectraFusionClient {
  private readonly http: VendorHttp;

  constructor(baseUrl: string, dispatcher?: Dispatcher, timeoutMs = 10_000) {
    this.http = new VendorHttp({
      vendor: 'Vectra Fusion',
      baseUrl: apiRoot(baseUrl),
      dispatcher,
      timeoutMs,
      describeError: (status, body) => {
        const parsed = errorSchema.safeParse(body);
        return parsed.success && parsed.data.message ? `${parsed.data.message} (HTTP ${status})` : `HTTP ${status}`;
      },
    });
  }

  /** Exchanges a netosecret for an access token. A refused key throws `unauthorized` (401) or `not_found` (404). */
  async exchangeToken(secret: Netosecret, now = Date.now()): Promise<AccessToken> {
    const jwt = signNetoJwt(
      { appname: secret.appname, appkey: secret.appkey, shortname: secret.shortname },
      secret.sharedsecret,
      now,
    );
    const body = await this.http.json(
      { method: 'POST', path: '/auth/token', body: { jwt }, idempotent: true },
      tokenSchema,
    );
    return {
      token: new SecretText(body.access_token),
      expiresAt: now + (body.expires_in ?? DEFAULT_TOKEN_SECONDS) * 1000,
    };
  }

  /**
   * Whether the API root answers, asked without a token: the spec documents 401 for a missing token, so 401 (or
   * any 2xx/403) means the path is right; 404 means `base_url` does not point at the API. Read-only.
   */
  async probeRoot(): Promise<number> {
    return this.http.status({ method: 'GET', path: '/api-keys' }, [401, 403]);
  }

  /** Every API key in the account (documented; no pagination is documented). */
  async listKeys(token: AccessToken): Promise<VectraKey[]> {
    return (await this.http.json({ method: 'GET', path: '/api-keys', headers: auth(token) }, keyListSchema)).data;
  }

  /** The key named `appname`, found in the list, or undefined when there is none. */
  async findKey(token: AccessToken, appname: string): Promise<VectraKey | undefined> {
    return (await this.listKeys(token)).find((key) => key.appname === appname);
  }

  /** Role names the account knows (`GET /roles`). */
  async listRoles(token: AccessToken): Promise<string[]> {
    const body = await this.http.json({ method: 'GET', path: '/roles', headers: auth(token) }, roleListSchema);
    return (Array.isArray(body.data) ? body.data : [body.data]).map((role) => role.name);
  }

  /**
   * Creates a key with exactly one role. A taken appname is refused with a status the spec does not document
   * (400 or 409 seen in the wild), so callers list again to tell a duplicate from a bad request.
   */
  async createKey(
    token: AccessToken,
    key: { appname: string; role: string; description: string },
  ): Promise<SecretText> {
    const body = await this.http.json(
      {
        method: 'POST',
        path: '/api-keys',
        headers: auth(token),
        body: { appname: key.appname, roles: [key.role], description: key.description },
      },
      keyWithSecretSchema,
    );
    return new SecretText(body.data.appkey);
  }

  /**
   * Replaces a key's appkey; the old one stops working. The spec requires the complete object as the body (it does
   * no diff), so the key's current description and roles are sent back unchanged.
   */
  async regenerateKey(
    token: AccessToken,
    key: { appname: string; description: string; roles: readonly string[] },
  ): Promise<SecretText> {
    const body = await this.http.json(
      {
        method: 'PUT',
        path: `${keyPath(key.appname)}/regen`,
        headers: auth(token),
        body: { description: key.description, roles: key.roles },
      },
      keyWithSecretSchema,
    );
    return new SecretText(body.data.appkey);
  }

  /** Deletes a key (204). An unknown appname may come back 400, 404 or 500: callers decide "gone" by listing. */
  async deleteKey(token: AccessToken, appname: string): Promise<void> {
    await this.http.status({ method: 'DELETE', path: keyPath(appname), headers: auth(token) });
  }
}

function auth(token: AccessToken): Record<string, string> {
  return { authorization: `Bearer ${token.token.reveal()}` };
}

function keyPath(appname: string): string {
  return `/api-keys/${encodeURIComponent(appname)}`;
}
