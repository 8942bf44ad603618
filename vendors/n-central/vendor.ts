/** N-able N-central, as one typed definition (see `vendors/define.ts`). */
import { defineVendor } from '../define';
import { createNCentralAdapter } from './adapter';
import { nCentralFileSchema, resolveNCentral } from './config';
import { nCentralDefinition, nCentralDefinitionFor } from './definition';
import { diagnoseNCentral } from './doctor';

export const nCentral = defineVendor({
  type: 'n-central',
  fileSchema: nCentralFileSchema,
  resolve: resolveNCentral,
  // The connection's `revocation_propagation` shapes the revoke playbook.
  definition: (connection) =>
    connection ? nCentralDefinitionFor(connection.revocationPropagationMs) : nCentralDefinition,
  adapter: (key, connection, dispatcher) => createNCentralAdapter(key, connection, dispatcher),
  diagnose: diagnoseNCentral,
  // Per-endpoint limits on rate and concurrency (3–50 in flight); the documented back-off starts at 2 s.
  defaultRatePerSecond: 1,
  fake: () => import('./fake/kit').then((kit) => kit.nCentralKit),
});
