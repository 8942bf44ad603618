/**
 * Every vendor type's pure definition (request fields and playbooks), keyed by `type` in `keywarden.yaml`.
 * Importable anywhere, including workflow code.
 */
import { automoxDefinition } from './automox/definition';
import { gotransverseDefinition } from './gotransverse/definition';
import { nCentralDefinition } from './n-central/definition';
import type { VendorDefinition } from './types';
import { vectraFusionDefinition } from './vectra-fusion/definition';

export const DEFINITIONS_BY_TYPE: Readonly<Record<string, VendorDefinition>> = Object.fromEntries(
  [vectraFusionDefinition, automoxDefinition, nCentralDefinition, gotransverseDefinition].map((definition) => [
    definition.type,
    definition,
  ]),
);
