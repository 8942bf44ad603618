/**
 * Integration mode: each integration is a dedicated read-only Automox user whose own key Keywarden holds and
 * mints that user's further keys with. One holder per user: a key is minted only when no other credential holds a
 * key of that user, because any key of a user opens all of that user's keys.
 */
import { VendorError } from '../errors';
import type { StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxClient } from './client';
import type { AutomoxConnection, AutomoxIntegration } from './config';
import { type BootstrapKeys, cannotManageKeys, describeKeys, kindOf } from './holders';
import { integrationOf, isVendorError, VENDOR } from './modes';
import { credentialOfGeneration, credentialOfKeyName, keyNameFor } from './names';
import type { AutomoxApiKey } from './schemas';

/** Most keys Automox lets one user hold; disabled ones are counted too, as sources disagree (VENDOR-EVIDENCE A2). */
export const AUTOMOX_KEY_CAP = 10;

/** A user's keys, listed with Keywarden's bootstrap key, and which of them that key is. */
export interface UserKeys {
  keys: AutomoxApiKey[];
  bootstrapId: number;
}

/** Integration mode's actions and check, bound to one connection. */
export function integrationSteps(client: AutomoxClient, connection: AutomoxConnection, bootstrap: BootstrapKeys) {
  const { orgId } = connection;

  /** The user's keys; a refused bootstrap key or a wrong user id is something only an admin can fix. */
  async function survey(integration: AutomoxIntegration): Promise<UserKeys> {
    let keys: AutomoxApiKey[];
    try {
      keys = await client.listApiKeys(integration.apiKey, orgId, integration.userId);
    } catch (error) {
      if (!isVendorError(error, 'unauthorized') && !isVendorError(error, 'forbidden')) throw error;
      throw new VendorError(
        'needs_admin',
        `Automox refused to list integration ${integration.name}'s keys with the key in ${integration.apiKeyEnv} ` +
          `(${error.message}); set ${integration.apiKeyEnv} to a working key of user ${integration.userId}, or fix ` +
          `integrations.${integration.name}.user_id in keywarden.yaml`,
        { vendor: VENDOR },
      );
    }
    return { keys, bootstrapId: await bootstrap.idOf(integration, keys) };
  }

  /**
   * Throws unless the credential may get a key of this user: no other credential's key, no key Keywarden did not
   * make (its maker could read the new key) unless this credential already holds the user (a rotation: those are
   * the holder's own and the revocation sweeps them), and room under the cap.
   */
  function assertFree(integration: AutomoxIntegration, user: UserKeys, input: StepInput): void {
    const credential = credentialOfGeneration(input.credentialId);
    const byKind = (kind: string) => user.keys.filter((k) => kindOf(k, user.bootstrapId, credential) === kind);
    const other = byKind('other-credential')[0];
    if (other) {
      const others = Object.keys(connection.integrations).filter((n) => n !== integration.name);
      throw new VendorError(
        'limit_reached',
        `integration ${integration.name} already has a live key for credential ${credentialOfKeyName(other.name)}; ` +
          `revoke it first or request another integration${others.length ? ` (${others.join(', ')})` : ''}`,
        { vendor: VENDOR },
      );
    }
    const untracked = byKind('untracked');
    if (untracked.length > 0 && byKind('this-credential').length === 0) {
      throw new VendorError(
        'needs_admin',
        `integration ${integration.name}'s Automox user ${integration.userId} holds keys Keywarden did not make ` +
          `(${describeKeys(untracked)}); whoever holds them could read a new key, so an Automox admin must delete ` +
          'them (Settings → Secrets & Keys) before this integration is handed out',
        { vendor: VENDOR },
      );
    }
    if (user.keys.length >= AUTOMOX_KEY_CAP) {
      throw new VendorError(
        'limit_reached',
        `integration ${integration.name}'s Automox user already holds ${user.keys.length} keys, the most Automox ` +
          'allows; revoke older keys of this credential, then ask again',
        { vendor: VENDOR },
      );
    }
  }

  /** Fails early and clearly, before anything is minted, when the integration is taken or full. */
  async function checkKeyCapacity(input: StepInput): Promise<StepOutput> {
    const integration = integrationOf(connection, input);
    const user = await survey(integration);
    if (!user.keys.some((k) => k.name === keyNameFor(input.credentialId))) assertFree(integration, user, input);
    return {};
  }

  /** Creates the key; a lost answer to an earlier attempt, a taken name or a full cap are told apart by listing. */
  async function create(integration: AutomoxIntegration, input: StepInput): Promise<AutomoxApiKey> {
    const name = keyNameFor(input.credentialId);
    const { apiKey, userId } = integration;
    try {
      return await client.createApiKey(apiKey, orgId, userId, { name, expiresAt: Date.now() + input.ttlMs });
    } catch (error) {
      if (isVendorError(error, 'forbidden')) throw cannotManageKeys(integration, error);
      // Automox documents no status for a taken name or a full cap: 400 or 409.
      if (!isVendorError(error, 'conflict') && !isVendorError(error, 'invalid_request')) throw error;
      const keys = await client.listApiKeys(apiKey, orgId, userId);
      const made = keys.find((k) => k.name === name);
      if (made) return made;
      if (keys.length >= AUTOMOX_KEY_CAP)
        throw new VendorError('limit_reached', `${error.message}: the user's key cap is reached`, { vendor: VENDOR });
      throw error;
    }
  }

  /** Finds the credential's key by name or creates it (expiring with the access time), then reveals it. */
  async function createServiceKey(input: StepInput): Promise<StepOutput> {
    const integration = integrationOf(connection, input);
    const user = await survey(integration);
    let key = user.keys.find((k) => k.name === keyNameFor(input.credentialId));
    if (!key) {
      assertFree(integration, user, input);
      key = await create(integration, input);
    }
    let secret;
    try {
      secret = await client.decryptApiKey(integration.apiKey, orgId, integration.userId, key.id);
    } catch (error) {
      throw isVendorError(error, 'forbidden') ? cannotManageKeys(integration, error) : error;
    }
    return {
      ref: { userId: String(integration.userId), keyId: String(key.id), integration: integration.name },
      secret,
    };
  }

  /** The new key lists its own user's keys and finds itself there; that proves it reads, and tells its expiry. */
  async function keyAuthenticates(input: StepInput): Promise<VerifyOutcome> {
    if (!input.secret) return { ok: false, detail: 'no key has been recorded for this credential' };
    const integration = integrationOf(connection, input);
    let keys: AutomoxApiKey[];
    try {
      keys = await client.listApiKeys(input.secret, orgId, integration.userId);
    } catch (error) {
      if (isVendorError(error, 'unauthorized') || isVendorError(error, 'forbidden')) {
        return { ok: false, detail: `the new key cannot read its own user's keys: ${error.message}` };
      }
      throw error;
    }
    const own = keys.find((k) => String(k.id) === input.ref.keyId);
    if (!own)
      return { ok: false, detail: `the new key signs in but its user's key list does not show key ${input.ref.keyId}` };
    return {
      ok: true,
      detail: "the new key reads its own user's keys",
      ...(own.expiresAt ? { expiresAt: new Date(own.expiresAt).toISOString() } : {}),
    };
  }

  return { survey, checkKeyCapacity, createServiceKey, keyAuthenticates };
}
