/**
 * Vendor failures, coded once at the vendor edge. `activities/failures.ts` turns a code into Temporal retry
 * behaviour; tests assert on `code`, never on `instanceof`.
 */
export type VendorErrorCode =
  | 'unauthorized' // credentials refused (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found'
  | 'conflict' // name taken, already exists
  | 'invalid_request' // the vendor rejected our input (400/422)
  | 'limit_reached' // a vendor quota, e.g. a key cap
  | 'rate_limited' // 429; retry after `retryAfterMs`
  | 'unavailable' // 5xx, timeouts, connection failures
  | 'unexpected_response' // a body we could not parse
  | 'scope_mismatch' // a key at the vendor is broader than (or different from) the request: never handed out
  | 'needs_admin'; // only a person can fix it (an expired password, a wrong probe path); the message says what to do

const RETRYABLE: ReadonlySet<VendorErrorCode> = new Set(['rate_limited', 'unavailable']);

export class VendorError extends Error {
  constructor(
    readonly code: VendorErrorCode,
    message: string,
    readonly details: { vendor: string; status?: number; retryAfterMs?: number },
  ) {
    super(message);
    this.name = 'VendorError';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** The code for an HTTP status, for vendors whose errors are told apart by status alone. */
export function codeForStatus(status: number): VendorErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'invalid_request';
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
