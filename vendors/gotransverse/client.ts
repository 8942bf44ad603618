/**
 * Gotransverse API 2.0 client (VENDORS.md). Gotransverse has no API for users or keys, so the only thing Keywarden
 * asks it is whether a key opens an API set: one cheap GET per set, authenticated with `X-Api-Key`.
 *
 * ASSUMPTION (error body): `{"code": "<string>", "message": "<documented text>"}`, the shape the published Dunning
 * API gives for 401 and 403; a plain-text body is read as the message too. Raw JSON never leaves this folder.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { VendorError } from '../errors';
import { VendorHttp } from '../http';
import type { SecretText } from '../secret-text';
import { apiSet, type ApiSetSlug } from './apisets';

/** The error messages Gotransverse documents for API 2.0 authentication, by meaning. */
export const GOTRANSVERSE_MESSAGES = {
  noHeader: 'Authorization header not found',
  userDisabled: 'User is Disabled',
  userExpired: 'User account has expired',
  userLocked: 'User account is locked',
  /** 403: the key is valid but was not granted this API set. */
  accessDenied: 'Access Denied',
  /** 403: the key is unknown, deleted, or belongs to no user. */
  disallowed: 'Access to this API has been disallowed',
} as const;

const VENDOR = 'Gotransverse';
const errorBodySchema = z.object({ code: z.string().optional(), message: z.string().min(1) });

/**
 * What a key may do in one API set.
 * - `allowed`: the call succeeded.
 * - `denied`: Gotransverse knows the key but it lacks this set (403 "Access Denied").
 * - `refused`: the key is not accepted at all: 401 (any message: missing header, owner disabled, expired or
 *   locked) or 403 "Access to this API has been disallowed" (unknown or deleted key). `status` tells the two
 *   apart: a 401 refusal ends when the owner's account is restored, a 403 one is final.
 */
export type ApiSetAccess =
  | { access: 'allowed' }
  | { access: 'denied'; status: 403; message: string }
  | { access: 'refused'; status: 401 | 403; message: string };

export class GotransverseClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly dispatcher?: Dispatcher,
    private readonly timeoutMs = 10_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /**
   * Calls `slug`'s read endpoint with `key`. 401 and 403 are answers, not errors; anything else that is not 2xx
   * throws a `VendorError`: `rate_limited` (with Retry-After), `unavailable` (5xx, timeouts, connection failures),
   * `not_found` (the probe endpoint does not exist), `invalid_request`. Read-only, so safe to repeat.
   */
  async probe(key: SecretText, slug: ApiSetSlug): Promise<ApiSetAccess> {
    // VendorHttp turns a non-2xx answer into an error whose text we write; keep the vendor's own words as they are
    // read, so the two 403 meanings are told apart without parsing our own error text.
    let said: string | undefined;
    const http = new VendorHttp({
      vendor: VENDOR,
      baseUrl: this.baseUrl,
      dispatcher: this.dispatcher,
      timeoutMs: this.timeoutMs,
      describeError: (status, body) => {
        said = vendorMessage(body);
        return said ? `${said} (HTTP ${status})` : `HTTP ${status}`;
      },
    });
    try {
      await http.status({ method: 'GET', path: apiSet(slug).probePath, headers: { 'X-Api-Key': key.reveal() } });
      return { access: 'allowed' };
    } catch (error) {
      const status = error instanceof VendorError ? error.details.status : undefined;
      if (status !== 401 && status !== 403) throw error;
      return classify(status, said);
    }
  }
}

/**
 * A 403 is a refusal only when Gotransverse says the key itself is disallowed. Any other 403, including one whose
 * body we cannot read, counts as `denied`: the conservative reading both for least privilege (the set is not open)
 * and for revocation (we do not claim a key is dead unless the vendor says so).
 */
function classify(status: 401 | 403, said: string | undefined): ApiSetAccess {
  const message = said ?? `HTTP ${status}`;
  if (status === 401) return { access: 'refused', status, message };
  return sameText(said, GOTRANSVERSE_MESSAGES.disallowed)
    ? { access: 'refused', status, message }
    : { access: 'denied', status, message };
}

/** A gateway's HTML error page must not end up whole in a message shown to people. */
const MAX_MESSAGE = 200;

/** The vendor's message from a JSON error body or a plain-text one. */
function vendorMessage(body: unknown): string | undefined {
  const text = typeof body === 'string' ? body : errorBodySchema.safeParse(body).data?.message;
  return text?.trim().slice(0, MAX_MESSAGE) || undefined;
}

function sameText(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toLowerCase() === b.toLowerCase();
}
