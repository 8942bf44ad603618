/** What both Automox clients share: the HTTP edge with Automox's error bodies, the Bearer header, paging limits. */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import { VendorHttp } from '../http';
import type { SecretText } from '../../secrets/secret-text';
import { errorBodySchema } from './schemas';

/** A key to call with: the plaintext, or wrapped so it cannot be logged by accident. */
export type ApiKey = SecretText | string;

/** Automox's largest page (the spec's `limit` is 1–500). */
export const PAGE_LIMIT = 500;
/** A server that never reports a last page must not loop forever. */
export const MAX_PAGES = 200;

/** `https://host` or `https://host/api` → the API root. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/api$/, '')}/api`;
}

/** The JSON edge for Automox: failures read from `{"errors": [...]}` (spec: every operation, at most one message). */
export function automoxHttp(baseUrl: string, dispatcher: Dispatcher | undefined, timeoutMs: number): VendorHttp {
  return new VendorHttp({
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

export function auth(key: ApiKey): Record<string, string> {
  return { authorization: `Bearer ${typeof key === 'string' ? key : key.reveal()}` };
}

export function tooManyPages(what: string): VendorError {
  return new VendorError('unexpected_response', `Automox kept paging ${what} past ${MAX_PAGES} pages`, {
    vendor: 'Automox',
  });
}
