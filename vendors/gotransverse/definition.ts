/** Gotransverse's pure definition: one required request field, `apisets`, and the all-human playbooks. */
import type { VendorDefinition } from '../types';
import { parseApiSets, type ApiSetSlug } from './apisets';
import { gotransversePlaybooks } from './playbooks';

export const gotransverseDefinition: VendorDefinition = {
  type: 'gotransverse',
  fields: { apisets: { description: 'comma-separated API sets, e.g. Billing,Dunning' } },
  validateFields: (fields, limits) => {
    const parsed = parseApiSets(fields.apisets, limits?.apisets as readonly ApiSetSlug[] | undefined);
    return parsed.ok ? [] : parsed.problems.map((message) => ({ field: 'apisets', message }));
  },
  playbooks: () => gotransversePlaybooks,
};
