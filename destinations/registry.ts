/** Builds the adapters for the configured destinations, each from its module (`destinations/all.ts`). */
import type { Dispatcher } from 'undici';
import { destinationOf, type DestinationConnection } from './all';
import type { DestinationAdapter } from './types';

export type DestinationRegistry = ReadonlyMap<string, DestinationAdapter>;

export function createDestinationRegistry(
  connections: Readonly<Record<string, DestinationConnection>>,
  dispatcher?: Dispatcher,
): DestinationRegistry {
  return new Map(
    Object.entries(connections).map(([key, connection]) => [
      key,
      destinationOf(connection).adapter(key, connection, dispatcher),
    ]),
  );
}
