/** Gotransverse, as one typed definition (see `vendors/define.ts`). */
import { defineVendor } from '../define';
import { createGotransverseAdapter } from './adapter';
import { gotransverseFileSchema, resolveGotransverse } from './config';
import { gotransverseDefinition } from './definition';
import { diagnoseGotransverse } from './doctor';

export const gotransverse = defineVendor({
  type: 'gotransverse',
  fileSchema: gotransverseFileSchema,
  resolve: resolveGotransverse,
  definition: () => gotransverseDefinition,
  adapter: createGotransverseAdapter,
  diagnose: diagnoseGotransverse,
  // Unpublished; a check probes one path per API set.
  defaultRatePerSecond: 0.5,
  fake: () => import('./fake/kit').then((kit) => kit.gotransverseKit),
});
