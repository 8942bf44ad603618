/** N-able N-central's pure definition: no vendor-specific request fields, one human-driven playbook. */
import type { VendorDefinition } from '../types';
import { nCentralPlaybooks } from './playbooks';

/**
 * The definition for one connection: its revocation check waits out `revocationPropagationMs` (the connection's
 * `revocation_propagation`), which is recorded in each request's playbook.
 */
export function nCentralDefinitionFor(revocationPropagationMs?: number): VendorDefinition {
  const playbooks = nCentralPlaybooks(revocationPropagationMs);
  return {
    type: 'n-central',
    fields: {},
    validateFields: () => [],
    playbooks: () => playbooks,
  };
}

/** With the default propagation window, for listings by type. */
export const nCentralDefinition: VendorDefinition = nCentralDefinitionFor();
