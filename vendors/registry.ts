/** Builds the adapters for the configured vendors, each from its vendor module (`vendors/all.ts`). */
import type { Dispatcher } from 'undici';
import { vendorOf, type VendorConnection } from './all';
import { meteredDispatcher, type VendorCallObserver } from './http-metrics';
import type { VendorAdapter } from './types';

export type VendorRegistry = ReadonlyMap<string, VendorAdapter>;

/**
 * One adapter per configured vendor. With `observe`, each vendor's HTTP calls go through its own metered
 * dispatcher (labelled with the vendor's key in `keywarden.yaml`), so every call is counted and timed.
 */
export function createVendorRegistry(
  connections: Readonly<Record<string, VendorConnection>>,
  dispatcher?: Dispatcher,
  observe?: VendorCallObserver,
): VendorRegistry {
  return new Map(
    Object.entries(connections).map(([key, connection]) => [
      key,
      vendorOf(connection).adapter(key, connection, observe ? meteredDispatcher(key, observe, dispatcher) : dispatcher),
    ]),
  );
}
