/**
 * Revocation in integration mode: disable the credential's key first (refused at once, even if deleting then
 * fails), delete it, and sweep every other key of the integration's user that is neither Keywarden's bootstrap key
 * nor a live generation of this credential: its holder could have minted keys Keywarden never made. Then prove the
 * old key is refused and nothing untracked is left. Invite mode's revocation is in `invite-revoke.ts`.
 */
import type { StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxClient } from './client';
import type { AutomoxConnection, AutomoxIntegration } from './config';
import { describeKeys, kindOf } from './holders';
import type { UserKeys } from './integration';
import { integrationOf } from './modes';
import { credentialOfGeneration, keyNameFor } from './names';
import type { AutomoxApiKey } from './schemas';

/** A holder minting keys as fast as they are swept is stopped by the bootstrap key's own deletions; a few rounds do. */
const SWEEP_ROUNDS = 5;

/** Integration mode's revoke actions and check, bound to one connection. */
export function integrationRevokeSteps(
  client: AutomoxClient,
  connection: AutomoxConnection,
  survey: (integration: AutomoxIntegration) => Promise<UserKeys>,
) {
  const { orgId } = connection;

  /**
   * The credential's own key (this generation) and every key no live generation of it accounts for. Only a
   * credential that held the user (its key exists or was recorded) sweeps it: the clean-up of a request refused
   * because another credential holds the integration must not touch that holder's keys.
   */
  function doomed(user: UserKeys, input: StepInput): { own?: AutomoxApiKey; stale: AutomoxApiKey[] } {
    const credential = credentialOfGeneration(input.credentialId);
    const name = keyNameFor(input.credentialId);
    const own = user.keys.find((k) => String(k.id) === input.ref.keyId || k.name === name);
    if (!own && input.ref.keyId === undefined) return { stale: [] };
    const stale = user.keys.filter((k) => {
      const kind = kindOf(k, user.bootstrapId, credential);
      return k !== own && (kind === 'untracked' || kind === 'other-credential');
    });
    return { ...(own ? { own } : {}), stale };
  }

  /** Disables the credential's key and every stray key of the user: all are refused from now on. */
  async function disableKey(input: StepInput): Promise<StepOutput> {
    const integration = integrationOf(connection, input);
    const { own, stale } = doomed(await survey(integration), input);
    for (const key of [...(own ? [own] : []), ...stale]) {
      await client.setApiKeyEnabled(integration.apiKey, orgId, integration.userId, key.id, false);
    }
    return {};
  }

  /** Deletes them, listing again until a listing shows none left; a key that is already gone is success. */
  async function deleteKey(input: StepInput): Promise<StepOutput> {
    const integration = integrationOf(connection, input);
    for (let round = 0; round < SWEEP_ROUNDS; round++) {
      const { own, stale } = doomed(await survey(integration), input);
      const keys = [...(own ? [own] : []), ...stale];
      if (keys.length === 0) return {};
      // Disabled first, all of them, so a stray key cannot mint another while the rest are being deleted.
      for (const key of keys)
        await client.setApiKeyEnabled(integration.apiKey, orgId, integration.userId, key.id, false);
      for (const key of keys) await client.deleteApiKey(integration.apiKey, orgId, integration.userId, key.id);
    }
    return {};
  }

  /** The old secret cannot read its own user's keys, and the user holds nothing but Keywarden's own keys. */
  async function keyRefused(input: StepInput): Promise<VerifyOutcome> {
    const integration = integrationOf(connection, input);
    if (input.secret && (await client.probeKey(input.secret, orgId, integration.userId)) === 'accepted') {
      return { ok: false, detail: 'Automox still accepts the old key' };
    }
    const { own, stale } = doomed(await survey(integration), input);
    if (own) return { ok: false, detail: `the key ${own.name} still exists` };
    if (stale.length > 0) {
      return {
        ok: false,
        detail: `integration ${integration.name}'s user still holds keys Keywarden did not make: ${describeKeys(stale)}`,
      };
    }
    return {
      ok: true,
      detail: `Automox refuses the old key, and integration ${integration.name}'s user holds no other key of its holder`,
    };
  }

  return { disableKey, deleteKey, keyRefused };
}
