/**
 * Vendor connections in `keywarden.yaml`: one schema per vendor type, joined on `type`. Adding a vendor adds a
 * member here and a resolver below.
 */
import { z } from 'zod';
import { automoxFileSchema, resolveAutomox, type AutomoxConnection } from './automox/config';
import type { ReadSecret } from './config-kit';
import { gotransverseFileSchema, resolveGotransverse, type GotransverseConnection } from './gotransverse/config';
import { nCentralFileSchema, resolveNCentral, type NCentralConnection } from './n-central/config';
import { resolveVectraFusion, vectraFusionFileSchema, type VectraFusionConnection } from './vectra-fusion/config';

export const vendorConnectionSchema = z.discriminatedUnion('type', [
  vectraFusionFileSchema,
  automoxFileSchema,
  nCentralFileSchema,
  gotransverseFileSchema,
]);

export type VendorConnectionEntry = z.infer<typeof vendorConnectionSchema>;
export type VendorConnection = VectraFusionConnection | AutomoxConnection | NCentralConnection | GotransverseConnection;

/** Resolves an entry's secrets; returns the problems instead when a secret is missing or malformed. */
export function resolveVendorConnection(
  entry: VendorConnectionEntry,
  readSecret: ReadSecret,
): VendorConnection | string[] {
  switch (entry.type) {
    case 'vectra-fusion':
      return resolveVectraFusion(entry, readSecret);
    case 'automox':
      return resolveAutomox(entry, readSecret);
    case 'n-central':
      return resolveNCentral(entry, readSecret);
    case 'gotransverse':
      return resolveGotransverse(entry, readSecret);
  }
}
