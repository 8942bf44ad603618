/** The doctor for each vendor type: read-only checks of a configured connection against the real vendor. */
import type { Dispatcher } from 'undici';
import { diagnoseAutomox } from './automox/doctor';
import type { VendorConnection } from './config';
import type { DoctorCheck } from './doctor-kit';
import { diagnoseGotransverse } from './gotransverse/doctor';
import { diagnoseNCentral } from './n-central/doctor';
import { diagnoseVectraFusion } from './vectra-fusion/doctor';

export function diagnoseVendor(connection: VendorConnection, dispatcher?: Dispatcher): Promise<DoctorCheck[]> {
  switch (connection.type) {
    case 'vectra-fusion':
      return diagnoseVectraFusion(connection, dispatcher);
    case 'automox':
      return diagnoseAutomox(connection, dispatcher);
    case 'n-central':
      return diagnoseNCentral(connection, dispatcher);
    case 'gotransverse':
      return diagnoseGotransverse(connection, dispatcher);
  }
}
