/** Destinations in `keywarden.yaml`: every destination's entry schema (from `destinations/all.ts`), joined on `type`. */
import { z } from 'zod';
import type { ReadSecret } from './define';
import { DESTINATIONS, type DestinationConnection, type DestinationFileSchema } from './all';

export type { DestinationConnection };

export const destinationEntrySchema = z.discriminatedUnion(
  'type',
  // The list is fixed and non-empty; zod wants it as a tuple.
  DESTINATIONS.map((destination) => destination.fileSchema) as unknown as [
    DestinationFileSchema,
    ...DestinationFileSchema[],
  ],
);

export type DestinationEntry = z.infer<typeof destinationEntrySchema>;

/** Resolves an entry's secrets; returns the problems instead when a secret is missing or a setting unsafe. */
export function resolveDestination(entry: DestinationEntry, readSecret: ReadSecret): DestinationConnection | string[] {
  const destination = DESTINATIONS.find((candidate) => candidate.type === entry.type);
  if (!destination) return [`type: no destination type "${entry.type}"`];
  // The schema that parsed the entry is this destination's own (the union is joined on `type`).
  return (destination.resolve as (entry: DestinationEntry, readSecret: ReadSecret) => DestinationConnection | string[])(
    entry,
    readSecret,
  );
}
