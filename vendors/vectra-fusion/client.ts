/**
 * Vectra Fusion API client (VENDORS.md): token exchange with a netosecret, then the api-keys endpoints.
 * Raw JSON is parsed here and never leaves this folder; secrets come back wrapped in `SecretText`.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { VendorError } from '../errors';
import { VendorHttp } from '../http';
import { SecretText } from '../secret-text';
import { signNetoJwt } from './jwt';
import type { Netosecret } from './netosecret';

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const keySchema = z.object({
  appname: z.string(),
  description: z.string().nullish(),
  roles: z.array(z.string()),
});
const keyWithSecretSchema = z.object({ meta: z.unknown(), data: keySchema.extend({ appkey: z.string().min(1) }) });
const oneKeySchema = z.object({ meta: z.unknown(), data: keySchema });
const keyListSchema = z.object({ meta: z.unknown(), data: z.array(keySchema) });
const errorSchema = z.object({ message: z.string() }).partial();

export type VectraKey = z.infer<typeof keySchema>;

export interface AccessToken {
  token: SecretText;
  expiresAt: number;
}

/** `https://host` or `https://host/api/v1` → the API root. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
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

  /** Exchanges a netosecret for an access token. Throws `unauthorized` when the key is wrong or deleted. */
  async exchangeToken(secret: Netosecret, now = Date.now()): Promise<AccessToken> {
    const jwt = signNetoJwt(
      { appname: secret.appname, appkey: secret.appkey, shortname: secret.shortname },
      secret.sharedsecret,
      now,
    );
    const body = await this.http.json({ method: 'POST', path: '/auth/token', body: { jwt } }, tokenSchema);
    return { token: new SecretText(body.access_token), expiresAt: now + body.expires_in * 1000 };
  }

  async listKeys(token: AccessToken): Promise<VectraKey[]> {
    return (await this.http.json({ method: 'GET', path: '/api-keys', headers: auth(token) }, keyListSchema)).data;
  }

  /** The key named `appname`, or undefined when there is none. */
  async getKey(token: AccessToken, appname: string): Promise<VectraKey | undefined> {
    try {
      return (await this.http.json({ method: 'GET', path: keyPath(appname), headers: auth(token) }, oneKeySchema)).data;
    } catch (error) {
      if (error instanceof VendorError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  /** Creates a key with exactly one role. Throws `conflict` when the appname is taken. */
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

  /** Replaces a key's appkey; the old one stops working. */
  async regenerateKey(token: AccessToken, appname: string): Promise<SecretText> {
    const body = await this.http.json(
      { method: 'PUT', path: `${keyPath(appname)}/regen`, headers: auth(token) },
      keyWithSecretSchema,
    );
    return new SecretText(body.data.appkey);
  }

  /** Deletes a key; `absent` when it was already gone (deletion is idempotent). */
  async deleteKey(token: AccessToken, appname: string): Promise<'deleted' | 'absent'> {
    const status = await this.http.status({ method: 'DELETE', path: keyPath(appname), headers: auth(token) }, [404]);
    return status === 404 ? 'absent' : 'deleted';
  }
}

function auth(token: AccessToken): Record<string, string> {
  return { authorization: `Bearer ${token.token.reveal()}` };
}

function keyPath(appname: string): string {
  return `/api-keys/${encodeURIComponent(appname)}`;
}
