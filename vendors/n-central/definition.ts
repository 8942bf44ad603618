/** N-able N-central's pure definition: no vendor-specific request fields, one human-driven playbook. */
import type { VendorDefinition } from '../types';
import { nCentralPlaybooks } from './playbooks';

export const nCentralDefinition: VendorDefinition = {
  type: 'n-central',
  fields: {},
  validateFields: () => [],
  playbooks: () => nCentralPlaybooks,
};
