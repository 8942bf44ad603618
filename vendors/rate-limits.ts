/**
 * How fast Keywarden may run one vendor's steps, in steps (activities) per second across every worker, enforced by
 * the Temporal server on the vendor's own task queue. A step makes a few HTTP calls (a list, then a create or a
 * delete), so the defaults leave room under each vendor's documented or reported limit
 * (`../shared/VENDOR-EVIDENCE.md`, cited beside each default in the vendor's `vendor.ts`); `rate_limit_per_second`
 * in a vendor's entry overrides them.
 */
import { VENDORS, vendorOf, type VendorConnection } from './all';

/** Each vendor type's default, from its definition. */
export const DEFAULT_RATE_PER_SECOND: Readonly<Record<string, number>> = Object.fromEntries(
  VENDORS.map((vendor) => [vendor.type, vendor.defaultRatePerSecond]),
);

/** Steps per second for each configured vendor, by its key in `keywarden.yaml`. */
export function vendorRates(connections: Readonly<Record<string, VendorConnection>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(connections).map(([key, connection]) => [
      key,
      connection.rateLimitPerSecond ?? vendorOf(connection).defaultRatePerSecond,
    ]),
  );
}
