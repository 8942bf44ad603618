/**
 * Every vendor type's pure definition (request fields and playbooks), keyed by `type` in `keywarden.yaml`.
 * Importable anywhere, including workflow code.
 */
import { automoxDefinition } from './automox/definition';
import type { VendorConnection } from './config';
import { gotransverseDefinition } from './gotransverse/definition';
import { nCentralDefinition, nCentralDefinitionFor } from './n-central/definition';
import type { VendorDefinition } from './types';
import { vectraFusionDefinition } from './vectra-fusion/definition';

export const DEFINITIONS_BY_TYPE: Readonly<Record<string, VendorDefinition>> = Object.fromEntries(
  [vectraFusionDefinition, automoxDefinition, nCentralDefinition, gotransverseDefinition].map((definition) => [
    definition.type,
    definition,
  ]),
);

/**
 * The definition for one configured connection: its type's, except where a connection setting shapes the
 * playbooks (N-central's `revocation_propagation`). Undefined for an unknown type.
 */
export function definitionFor(connection: VendorConnection): VendorDefinition | undefined {
  if (connection.type === 'n-central') return nCentralDefinitionFor(connection.revocationPropagationMs);
  return DEFINITIONS_BY_TYPE[connection.type];
}
