/** Vectra Fusion, as one typed definition (see `vendors/define.ts`). */
import { defineVendor } from '../define';
import { createVectraFusionAdapter } from './adapter';
import { resolveVectraFusion, vectraFusionFileSchema } from './config';
import { vectraFusionDefinition } from './definition';
import { diagnoseVectraFusion } from './doctor';

export const vectraFusion = defineVendor({
  type: 'vectra-fusion',
  fileSchema: vectraFusionFileSchema,
  resolve: resolveVectraFusion,
  definition: () => vectraFusionDefinition,
  adapter: createVectraFusionAdapter,
  diagnose: diagnoseVectraFusion,
  // Unpublished for api-keys; one documented endpoint allows 50 requests per 300 s.
  defaultRatePerSecond: 0.5,
  fake: () => import('./fake/kit').then((kit) => kit.vectraFusionKit),
});
