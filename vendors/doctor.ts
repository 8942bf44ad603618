/** The doctor for each vendor type: read-only checks of a configured connection against the real vendor. */
import type { Dispatcher } from 'undici';
import { vendorOf, type VendorConnection } from './all';
import type { DoctorCheck } from './doctor-kit';

export function diagnoseVendor(connection: VendorConnection, dispatcher?: Dispatcher): Promise<DoctorCheck[]> {
  return vendorOf(connection).diagnose(connection, dispatcher);
}
