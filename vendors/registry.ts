/** Builds the adapters for the configured vendors. Adding a vendor type adds a case here. */
import type { Dispatcher } from 'undici';
import type { VendorConnection } from './config';
import type { VendorAdapter } from './types';
import { createVectraFusionAdapter } from './vectra-fusion/adapter';

export type VendorRegistry = ReadonlyMap<string, VendorAdapter>;

export function createVendorRegistry(
  connections: Readonly<Record<string, VendorConnection>>,
  dispatcher?: Dispatcher,
): VendorRegistry {
  return new Map(
    Object.entries(connections).map(([key, connection]) => {
      switch (connection.type) {
        case 'vectra-fusion':
          return [key, createVectraFusionAdapter(key, connection, dispatcher)];
      }
    }),
  );
}
