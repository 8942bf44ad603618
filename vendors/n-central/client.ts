/**
 * N-able N-central REST client (VENDORS.md): a user's JWT buys a short-lived access token, which reads the caller
 * (`/users/me`) and an org unit's users. N-central has no API to create users or tokens, so this client only reads.
 * Raw JSON is parsed here and never leaves this folder; tokens come back wrapped in `SecretText`.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { VendorError } from '../errors';
import { VendorHttp, type JsonRequest } from '../http';
import { SecretText } from '../../secrets/secret-text';
import { NO_STEP_RETRIES } from '../http-retry';

const VENDOR = 'N-central';

/**
 * N-central limits concurrent requests per endpoint and, over the limit, answers 429 — as far as is known without
 * `Retry-After`. Its documentation recommends backing off 2 s, then 5 s, then 10 s; a client call cannot know which
 * attempt it is, so it asks for the first step and leaves later growth to the activity's retry policy.
 */
export const RATE_LIMIT_BACKOFF_MS = 2_000;

/** Users per page; N-central accepts up to 1000, a smaller page keeps each request quick under its limits. */
const DEFAULT_PAGE_SIZE = 100;
/** A guard against a server that keeps reporting more pages; 1000 pages of 100 is far beyond any real tenant. */
const MAX_PAGES = 1_000;

const id = z.union([z.number(), z.string().min(1)]).transform(String);
const tokensSchema = z.object({
  tokens: z.object({ access: z.object({ token: z.string().min(1), expirySeconds: z.number().positive() }) }),
});
/** Flags are nullish: users N-central does not manage itself (SSO, for example) may carry none (§2.4 risk 6). */
const flag = z.boolean().nullish();
const userSchema = z.object({
  userId: id,
  userName: z.string(),
  isEnabled: flag,
  apiOnlyUser: flag,
  twoFactorEnabled: flag,
  roleIds: z.array(id).nullish(),
});
const pageSchema = z.object({ data: z.array(userSchema), totalPages: z.number().int().nonnegative() });
/**
 * `/users/me` is undocumented (community clients call it; mocks disagree on its fields): accept a bare user or
 * the `{data: ...}` envelope of other calls, named by `userName`, `username` or `emailAddress`.
 */
const meFields = z
  .object({ userId: id.optional(), userName: z.string(), username: z.string(), emailAddress: z.string() })
  .partial()
  .transform(({ userId, userName, username, emailAddress }) => ({
    userId,
    userName: userName ?? username ?? emailAddress,
  }))
  .refine((me) => me.userId !== undefined || me.userName !== undefined);
const meSchema = z.union([z.object({ data: meFields }).transform((body) => body.data), meFields]);
const errorSchema = z.object({ message: z.string() }).partial();
/** Some N-central errors arrive inside a 200 answer as `{"error message": ...}` (COMMUNITY, §2.2). */
const errorInsideOkSchema = z.object({ 'error message': z.string() });

/** A user as N-central lists it; identifiers are strings so they can go into a credential's ref. */
export type NCentralUser = z.infer<typeof userSchema>;

export interface AccessToken {
  token: SecretText;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** `https://host`, `https://host/` or `https://host/api` → `https://host/api`. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api$/, '')}/api`;
}

export class NCentralClient {
  private readonly http: VendorHttp;

  constructor(baseUrl: string, dispatcher?: Dispatcher, timeoutMs = 10_000) {
    this.http = new VendorHttp({
      vendor: VENDOR,
      baseUrl: apiRoot(baseUrl),
      dispatcher,
      timeoutMs,
      retries: NO_STEP_RETRIES,
      describeError: (status, body) => {
        const parsed = errorSchema.safeParse(body);
        return parsed.success && parsed.data.message ? `${parsed.data.message} (HTTP ${status})` : `HTTP ${status}`;
      },
    });
  }

  /**
   * Exchanges a user's JWT for an access token. Throws `unauthorized` when N-central refuses the JWT (bad
   * signature, expired, regenerated, user disabled or — as far as is known — two-factor authentication on).
   */
  async authenticate(jwt: SecretText, now = Date.now()): Promise<AccessToken> {
    const headers = { authorization: `Bearer ${jwt.reveal().trim()}` };
    const body = await this.call({ method: 'POST', path: '/auth/authenticate', headers }, tokensSchema);
    const { token, expirySeconds } = body.tokens.access;
    return { token: new SecretText(token), expiresAt: now + expirySeconds * 1000 };
  }

  /**
   * Who an access token belongs to, as far as the undocumented `/users/me` says (either field may be missing).
   * Throws like any call; callers must not depend on it alone.
   */
  async me(token: AccessToken): Promise<Partial<Record<'userId' | 'userName', string>>> {
    const me = await this.call({ method: 'GET', path: '/users/me', headers: auth(token) }, meSchema);
    return Object.fromEntries(Object.entries(me).filter(([, value]) => value !== undefined));
  }

  /**
   * Every user of an org unit, following pages until the last. Throws `not_found` for an unknown org unit and
   * `forbidden` when the caller may not list users.
   */
  async listUsers(token: AccessToken, orgUnitId: number, pageSize = DEFAULT_PAGE_SIZE): Promise<NCentralUser[]> {
    const users: NCentralUser[] = [];
    for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
      const query = new URLSearchParams({ pageNumber: String(pageNumber), pageSize: String(pageSize) });
      const path = `/org-units/${encodeURIComponent(orgUnitId)}/users?${query.toString()}`;
      const page = await this.call({ method: 'GET', path, headers: auth(token) }, pageSchema);
      users.push(...page.data);
      if (pageNumber >= page.totalPages || page.data.length === 0) return users;
    }
    throw new VendorError('unexpected_response', `${VENDOR} reported more than ${MAX_PAGES} pages of users`, {
      vendor: VENDOR,
    });
  }

  /**
   * `VendorHttp.json`, reading an error inside a 200 answer as the error it is (never as a success), and with the
   * vendor's first recommended backoff when a 429 names no delay of its own.
   */
  private async call<T>(req: JsonRequest, schema: z.ZodType<T>): Promise<T> {
    let body: unknown;
    try {
      body = await this.http.json(req, z.unknown());
    } catch (error) {
      if (error instanceof VendorError && error.code === 'rate_limited' && error.details.retryAfterMs === undefined) {
        throw new VendorError(error.code, error.message, { ...error.details, retryAfterMs: RATE_LIMIT_BACKOFF_MS });
      }
      throw error;
    }
    const reported = errorInsideOkSchema.safeParse(body);
    if (reported.success) {
      // The cause is unknown (N-central says only its message), so it is an error the request met, not retried.
      const message = `${VENDOR}: ${reported.data['error message'].slice(0, 200)} (reported inside an HTTP 200 answer to ${req.method} ${pathOnly(req.path)})`;
      throw new VendorError('invalid_request', message, { vendor: VENDOR, status: 200 });
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new VendorError(
      'unexpected_response',
      `${VENDOR} answered ${req.method} ${pathOnly(req.path)} with an unexpected body`,
      { vendor: VENDOR, status: 200 },
    );
  }
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? path;
}

function auth(token: AccessToken): Record<string, string> {
  return { authorization: `Bearer ${token.token.reveal()}` };
}
