/** A delivered credential on the test server, as the request workflow leaves it, and the owner's reveal. */
import type { WorkflowHandle } from '@temporalio/client';
import type { credentialWorkflow } from '../../../workflows/credential';
import { credentialStateQuery, revealUpdate } from '../../../workflows/messages';
import type { CredentialRequest } from '../../../workflows/types';
import { eventually } from '../../support/wait';
import { deliveredCredential, REQUESTER } from './requests';
import type { Scenario } from './scenario';

export type CredentialHandle = WorkflowHandle<typeof credentialWorkflow>;

/** Makes the first key at the stub vendor and starts the credential workflow for it, as delivery does. */
export async function deliver(scenario: Scenario, req: CredentialRequest): Promise<CredentialHandle> {
  scenario.stubs.vendor.createByHand(req.requestId);
  return scenario.startCredential(deliveredCredential(req, await scenario.now()));
}

/** The key id of a generation: the credential id first, then `<id>-g<n>` (named so at the vendor too). */
export const generationId = (credentialId: string, generation: number): string =>
  generation === 1 ? credentialId : `${credentialId}-g${generation}`;

/** The owner clicks Reveal on the given generation once it has been offered. */
export async function reveal(handle: CredentialHandle, credentialId: string, generation: number): Promise<void> {
  await untilGeneration(handle, generation);
  await handle.executeUpdate(revealUpdate, {
    args: [{ userId: REQUESTER, generationId: generationId(credentialId, generation) }],
  });
}

/** Waits (time stands still meanwhile) until the credential has offered the given generation. */
export function untilGeneration(handle: CredentialHandle, generation: number): Promise<true> {
  return eventually(
    async () => (await handle.query(credentialStateQuery)).generation === generation,
    `generation ${generation}`,
  );
}
