/** The fake Gotransverse's settings and canned answers: the behaviours the sources leave open. */
import type { FakeResponse } from '../../fake-kit/server';
import type { ApiSetSlug } from '../apisets';
import { DOCUMENTED_PROBE_PATHS, type ProbePaths } from '../probes';

/**
 * Probe paths for tests and the sandbox, one per set. Test values, not the vendor's: only Dunning's is documented
 * (and Billing's prefix, from Gotransverse's own demo code); the rest stand for whatever an admin configures.
 */
export const TEST_PROBE_PATHS: ProbePaths = {
  billing: '/billing/2/products',
  dunning: DOCUMENTED_PROBE_PATHS.dunning,
  'revenue-management': '/revenue/2/test-connection',
  'configure-price-quote': '/cpq/2/test-connection',
  currex: '/currex/2/test-connection',
  'job-scheduler': '/job-scheduler/2/test-connection',
  'stored-value-service': '/svs/2/test-connection',
  'tax-essentials': '/tax/2/test-connection',
  'usage-processing': '/usage/2/test-connection',
};

/** How the fake writes a 403: as documented, or as a gateway or newer version might. */
export type ForbiddenStyle = 'documented' | 'reworded' | 'plain-text' | 'html';

export interface FakeGotransverseSettings {
  /** The only paths served, per API set (as a test configures probe_paths); default: Dunning's documented one. */
  probePaths?: ProbePaths;
  /** Sets whose microservice this tenant lacks: their path answers 404 although it is served elsewhere. */
  notEnabled?: readonly ApiSetSlug[];
  /** How 403 answers are written (default `documented`: `{code, message}` with the documented text). */
  forbidden?: ForbiddenStyle;
}

export const CONSOLE_PAGE = '<!DOCTYPE html><html><head><title>Gotransverse</title></head><body>Sign in</body></html>';
export const NOT_FOUND: FakeResponse = { status: 404, body: { code: 'NOT_FOUND', message: 'Entity not found.' } };

export function fail(status: 401 | 403, message: string): FakeResponse {
  return { status, body: { code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message } };
}

/** A 403 in the configured style; only `documented` carries the words the client may act on. */
export function forbidden(style: ForbiddenStyle, message: string): FakeResponse {
  if (style === 'documented') return fail(403, message);
  if (style === 'reworded') return { status: 403, body: { code: 'FORBIDDEN', message: 'Forbidden' } };
  if (style === 'plain-text') return { status: 403, raw: message, headers: { 'content-type': 'text/plain' } };
  return {
    status: 403,
    raw: '<html><body><h1>403 Forbidden</h1></body></html>',
    headers: { 'content-type': 'text/html' },
  };
}
