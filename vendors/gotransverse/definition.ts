/** Gotransverse's pure definition: one required request field, `apisets`, and the all-human playbooks. */
import type { VendorDefinition } from '../types';
import { parseApiSets } from './apisets';
import { gotransversePlaybooks } from './playbooks';

export const gotransverseDefinition: VendorDefinition = {
  type: 'gotransverse',
  fields: { apisets: { description: 'comma-separated API sets, e.g. Billing,Dunning' } },
  validateFields: (fields) => {
    const parsed = parseApiSets(fields.apisets);
    return parsed.ok ? [] : parsed.problems.map((message) => ({ field: 'apisets', message }));
  },
  playbooks: () => gotransversePlaybooks,
};
