/**
 * Vectra Fusion is fully automated: every step is an API call. Before delivery the key must be listed with exactly
 * the requested role (least privilege), then proved by a token exchange. Plain data.
 */
import type { PlaybooksFor } from '../define';
import type { createVectraFusionAdapter } from './adapter';

/** Playbooks may name only the steps this adapter has (checked by the compiler). */
type VectraFusionSteps = ReturnType<typeof createVectraFusionAdapter>;

export const vectraFusionPlaybooks: PlaybooksFor<VectraFusionSteps> = {
  provision: [
    { kind: 'call', action: 'createKey', title: 'Create the API key' },
    { kind: 'verify', check: 'scopeMatches', title: 'Check the key has exactly the requested role' },
    { kind: 'verify', check: 'authenticates', title: 'Check the new key signs in' },
  ],
  revoke: [
    { kind: 'call', action: 'deleteKey', title: 'Delete the API key' },
    { kind: 'verify', check: 'refused', title: 'Check the deleted key is refused' },
  ],
};
