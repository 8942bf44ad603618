/**
 * Every vendor Keywarden knows, one line each. The `keywarden.yaml` schema, the registry of adapters, the request
 * catalog, the doctor, the rate limits and the test stack are all derived from this list: adding a vendor is adding
 * its folder and a line here.
 */
import type { ConnectionBase, VendorModule } from './define';
import { automox } from './automox/vendor';
import { gotransverse } from './gotransverse/vendor';
import { nCentral } from './n-central/vendor';
import { vectraFusion } from './vectra-fusion/vendor';

export const VENDORS = [vectraFusion, automox, nCentral, gotransverse] as const;

type AnyVendor = (typeof VENDORS)[number];

/** A resolved connection of any vendor type. */
export type VendorConnection = Parameters<AnyVendor['adapter']>[1];

/** The `keywarden.yaml` entry schema of any vendor type. */
export type VendorFileSchema = AnyVendor['fileSchema'];

/**
 * The module of a connection's vendor type. TypeScript cannot see that a connection and the module found by its
 * `type` belong together; this is the one place that says so.
 */
export function vendorOf<C extends ConnectionBase>(connection: C): VendorModule<C> {
  const found = VENDORS.find((vendor) => vendor.type === connection.type);
  if (!found) throw new Error(`no vendor module for type "${connection.type}"`);
  return found as unknown as VendorModule<C>;
}
