/** Every vendor type's pure definition (request fields and playbooks), from the list in `vendors/all.ts`. */
import { VENDORS, vendorOf, type VendorConnection } from './all';
import type { VendorDefinition } from './types';

/** By `type` in `keywarden.yaml`, as each vendor defines it without a connection (for listings). */
export const DEFINITIONS_BY_TYPE: Readonly<Record<string, VendorDefinition>> = Object.fromEntries(
  VENDORS.map((vendor) => [vendor.type, vendor.definition()]),
);

/** The definition for one configured connection (a connection setting may shape its playbooks). */
export function definitionFor(connection: VendorConnection): VendorDefinition {
  return vendorOf(connection).definition(connection);
}
