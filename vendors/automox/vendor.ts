/** Automox, as one typed definition (see `vendors/define.ts`). */
import { defineVendor } from '../define';
import { createAutomoxAdapter } from './adapter';
import { automoxFileSchema, resolveAutomox } from './config';
import { automoxDefinition } from './definition';
import { diagnoseAutomox } from './doctor';

export const automox = defineVendor({
  type: 'automox',
  fileSchema: automoxFileSchema,
  resolve: resolveAutomox,
  definition: () => automoxDefinition,
  adapter: createAutomoxAdapter,
  diagnose: diagnoseAutomox,
  // "2,500 requests per 5-minute window per key" (secondary source; about 8 calls/s); a step makes up to ~6.
  defaultRatePerSecond: 1,
  fake: () => import('./fake/kit').then((kit) => kit.automoxKit),
});
