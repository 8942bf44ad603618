/** Vectra Fusion's pure definition: no vendor-specific request fields, one fully automated playbook. */
import type { VendorDefinition } from '../types';
import { vectraFusionPlaybooks } from './playbooks';

export const vectraFusionDefinition: VendorDefinition = {
  type: 'vectra-fusion',
  fields: {},
  validateFields: () => [],
  playbooks: () => vectraFusionPlaybooks,
};
