/** Vendor connections in `keywarden.yaml`: every vendor's entry schema (from `vendors/all.ts`), joined on `type`. */
import { z } from 'zod';
import { VENDORS, type VendorConnection, type VendorFileSchema } from './all';
import type { ReadSecret } from './config-kit';

export type { VendorConnection };

export const vendorConnectionSchema = z.discriminatedUnion(
  'type',
  // The list is fixed and non-empty; zod wants it as a tuple.
  VENDORS.map((vendor) => vendor.fileSchema) as unknown as [VendorFileSchema, ...VendorFileSchema[]],
);

export type VendorConnectionEntry = z.infer<typeof vendorConnectionSchema>;

/** Resolves an entry's secrets; returns the problems instead when a secret is missing or malformed. */
export function resolveVendorConnection(
  entry: VendorConnectionEntry,
  readSecret: ReadSecret,
): VendorConnection | string[] {
  const vendor = VENDORS.find((candidate) => candidate.type === entry.type);
  if (!vendor) return [`type: no vendor type "${entry.type}"`];
  // The schema that parsed the entry is this vendor's own (the union is joined on `type`).
  return (vendor.resolve as (entry: VendorConnectionEntry, readSecret: ReadSecret) => VendorConnection | string[])(
    entry,
    readSecret,
  );
}
