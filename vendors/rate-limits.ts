/**
 * How fast Keywarden may run one vendor's steps, in steps (activities) per second across every worker, enforced by
 * the Temporal server on the vendor's own task queue. A step makes a few HTTP calls (a list, then a create or a
 * delete), so the defaults leave room under each vendor's documented or reported limit
 * (`../shared/VENDOR-EVIDENCE.md`); `rate_limit_per_second` in a vendor's entry overrides them.
 */
import type { VendorConnection } from './config';

export const DEFAULT_RATE_PER_SECOND: Readonly<Record<VendorConnection['type'], number>> = {
  // "2,500 requests per 5-minute window per key" (secondary source; about 8 calls/s); a step makes up to ~6.
  automox: 1,
  // Per-endpoint limits on rate and concurrency (3–50 in flight); the documented back-off starts at 2 s.
  'n-central': 1,
  // Unpublished for api-keys; one documented endpoint allows 50 requests per 300 s.
  'vectra-fusion': 0.5,
  // Unpublished; a check probes one path per API set.
  gotransverse: 0.5,
};

/** Steps per second for each configured vendor, by its key in `keywarden.yaml`. */
export function vendorRates(connections: Readonly<Record<string, VendorConnection>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(connections).map(([key, connection]) => [
      key,
      connection.rateLimitPerSecond ?? DEFAULT_RATE_PER_SECOND[connection.type],
    ]),
  );
}
