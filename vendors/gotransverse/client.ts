/**
 * Gotransverse API 2.0 client. Gotransverse has no API for users or keys, so the only thing Keywarden asks it is
 * whether a key opens an API set: one GET of the set's configured probe path, authenticated with `X-Api-Key`
 * (authentication.htm). Error bodies are `{code, message}` (dunning-v2.html); raw JSON never leaves this folder.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import { apiSet } from './apisets';
import { exchange, htmlPage, vendorMessage, type Answer } from './exchange';
import { probeSetting, type ProbeTarget } from './probes';

/** The error messages Gotransverse documents for API 2.0 authentication (authentication.htm), by meaning. */
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

/**
 * What a key may do in one API set.
 * - `allowed`: the probe answered 2xx with JSON.
 * - `denied`: 403 `{message: "Access Denied"}`: the key is known but lacks this set.
 * - `refused`: the key is not accepted at all: 401 (any message: missing header, owner disabled, expired or
 *   locked) or 403 `{message: "Access to this API has been disallowed"}` (unknown or deleted key). `status` tells
 *   them apart: a 401 refusal ends when the owner's account is restored, a 403 one is final.
 * - `unclear`: any other 403 (other words, no JSON, e.g. a gateway's page). It proves neither that the set is
 *   shut nor that the key is dead, so no verdict may rest on it.
 */
export type ApiSetAccess =
  | { access: 'allowed' }
  | { access: 'denied'; status: 403; message: string }
  | { access: 'refused'; status: 401 | 403; message: string }
  | { access: 'unclear'; status: 403; message: string };

/** What a probe path answers without a key: what the doctor reads to tell an API path from a console or a typo. */
export type KeylessAnswer =
  | { kind: 'exists'; message: string }
  | { kind: 'missing' }
  | { kind: 'console' }
  | { kind: 'open' }
  | { kind: 'other'; status: number; message: string };

export class GotransverseClient {
  private readonly apiBaseUrl: string;

  constructor(
    apiBaseUrl: string,
    private readonly dispatcher?: Dispatcher,
    private readonly timeoutMs = 10_000,
  ) {
    this.apiBaseUrl = apiBaseUrl.replace(/\/+$/, '');
  }

  /**
   * GETs `target`'s probe path with `key`. 401 and 403 are answers, not errors. Throws `VendorError`:
   * `needs_admin` when the configuration is wrong (404: the path does not exist; an HTML page or a redirect: the
   * host is a console, not the API; a 2xx that is not JSON), `rate_limited` (429; Temporal retries after
   * Retry-After, or its normal backoff without one), `unavailable` (5xx, timeouts), `invalid_request` (other 4xx).
   * Read-only, so safe to repeat.
   */
  async probe(key: SecretText, target: ProbeTarget): Promise<ApiSetAccess> {
    const answer = await this.get(target.path, { 'X-Api-Key': key.reveal() });
    // A 403 page may come from a gateway in front of the API, so it is judged with the other 403s, not as a console.
    if (isRedirect(answer) || (htmlPage(answer.body) && statusOf(answer) !== 403)) throw this.consoleError(target.path);
    if (answer.ok) {
      if (answer.body !== null && typeof answer.body === 'object') return { access: 'allowed' };
      throw this.misconfigured(
        `${target.path} answered 200 without a JSON body, so it is not an API read`,
        `set ${probeSetting(target.slug)} to a read-only GET in ${apiSet(target.slug).name} that answers JSON`,
      );
    }
    const { status } = answer.error.details;
    if (status === 401) return { access: 'refused', status, message: answer.message ?? `HTTP ${status}` };
    if (status === 403) return classify403(answer.body, answer.message);
    if (status === 404) throw this.missingPath(target);
    throw answer.error;
  }

  /**
   * GETs `path` without a key, for the doctor. Gotransverse documents 401 "Authorization header not found" for a
   * missing key, so a 401 means the path exists behind API-key authentication; 404 means it does not; an HTML page
   * or a redirect means the host is a console. Rethrows outages and rate limits.
   */
  async probeWithoutKey(path: string): Promise<KeylessAnswer> {
    const answer = await this.get(path, {});
    if (htmlPage(answer.body) || isRedirect(answer)) return { kind: 'console' };
    if (answer.ok) return { kind: 'open' };
    const { status = 0 } = answer.error.details;
    if (status === 401) return { kind: 'exists', message: answer.message ?? `HTTP ${status}` };
    if (status === 404) return { kind: 'missing' };
    if (answer.error.retryable) throw answer.error;
    return { kind: 'other', status, message: answer.message ?? `HTTP ${status}` };
  }

  private get(path: string, headers: Record<string, string>): Promise<Answer> {
    const options = { baseUrl: this.apiBaseUrl, dispatcher: this.dispatcher, timeoutMs: this.timeoutMs };
    return exchange(options, { method: 'GET', path, headers });
  }

  private missingPath(target: ProbeTarget): VendorError {
    const { name } = apiSet(target.slug);
    return this.misconfigured(
      `${this.apiBaseUrl}${target.path} does not exist (HTTP 404), so Keywarden cannot tell whether a key opens ${name}`,
      `set ${probeSetting(target.slug)} to a read-only GET in ${name}, or take ${name} out of allowed_apisets if ` +
        'this tenant does not have it; then run npm run doctor',
    );
  }

  private consoleError(path: string): VendorError {
    return this.misconfigured(
      `${this.apiBaseUrl}${path} answered with a web page or a redirect, not the API`,
      'api_base_url looks like the console: set it to the Gotransverse API host (e.g. https://eu2-api.tractbilling.com) ' +
        'and keep the console in ui_url; then run npm run doctor',
    );
  }

  private misconfigured(what: string, fix: string): VendorError {
    return new VendorError('needs_admin', `${VENDOR}: ${what}; an admin must ${fix}`, { vendor: VENDOR });
  }
}

/**
 * Only the documented JSON bodies decide a 403: "Access to this API has been disallowed" (the key is dead) or
 * "Access Denied" (the key lacks the set). Anything else is `unclear`, so a reworded or non-JSON 403 is never
 * read as a grant, a shut set or a revoked key.
 */
function classify403(body: unknown, message: string | undefined): ApiSetAccess {
  const said = typeof body === 'object' ? vendorMessage(body) : undefined;
  if (said === GOTRANSVERSE_MESSAGES.disallowed) return { access: 'refused', status: 403, message: said };
  if (said === GOTRANSVERSE_MESSAGES.accessDenied) return { access: 'denied', status: 403, message: said };
  return { access: 'unclear', status: 403, message: message ?? 'HTTP 403 without a readable body' };
}

function statusOf(answer: Answer): number {
  return answer.ok ? 200 : (answer.error.details.status ?? 0);
}

function isRedirect(answer: Answer): boolean {
  const status = statusOf(answer);
  return status >= 300 && status < 400;
}
