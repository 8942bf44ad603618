/** Builds the adapters for the configured vendors. Adding a vendor type adds a case here. */
import type { Dispatcher } from 'undici';
import { createAutomoxAdapter } from './automox/adapter';
import type { VendorConnection } from './config';
import { meteredDispatcher, type VendorCallObserver } from './http-metrics';
import { createGotransverseAdapter } from './gotransverse/adapter';
import { createNCentralAdapter } from './n-central/adapter';
import type { VendorAdapter } from './types';
import { createVectraFusionAdapter } from './vectra-fusion/adapter';

export type VendorRegistry = ReadonlyMap<string, VendorAdapter>;

function adapterFor(key: string, connection: VendorConnection, dispatcher?: Dispatcher): VendorAdapter {
  switch (connection.type) {
    case 'vectra-fusion':
      return createVectraFusionAdapter(key, connection, dispatcher);
    case 'automox':
      return createAutomoxAdapter(key, connection, dispatcher);
    case 'n-central':
      return createNCentralAdapter(key, connection, dispatcher);
    case 'gotransverse':
      return createGotransverseAdapter(key, connection, dispatcher);
  }
}

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
      adapterFor(key, connection, observe ? meteredDispatcher(key, observe, dispatcher) : dispatcher),
    ]),
  );
}
