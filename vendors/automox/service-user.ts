/**
 * Service-user mode: Keywarden holds a dedicated read-only user's own key and mints that user's further keys,
 * each inheriting read-only permissions, within Automox's 10-key cap (the bootstrap key counts towards it).
 */
import { VendorError } from '../errors';
import type { StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { isVendorError, serviceUserOf, VENDOR } from './modes';
import { keyNameFor } from './names';
import type { AutomoxApiKey } from './schemas';

/** Most keys Automox lets one user hold (disabled ones count). */
export const AUTOMOX_KEY_CAP = 10;

/** Throws `limit_reached` unless the credential's key exists already or there is room for it. */
function ensureRoom(keys: readonly AutomoxApiKey[], name: string): void {
  if (keys.some((key) => key.name === name) || keys.length < AUTOMOX_KEY_CAP) return;
  throw new VendorError(
    'limit_reached',
    `The Keywarden service user already holds ${keys.length} Automox keys, the most Automox allows; ` +
      'ask a Keywarden admin to revoke credentials nobody uses any more, then ask again',
    { vendor: VENDOR },
  );
}

/** Service-user mode's actions and check, bound to one connection. */
export function serviceUserSteps(client: AutomoxClient, connection: AutomoxConnection) {
  const { orgId } = connection;

  /** Fails early and clearly, before anything is minted, when the cap is reached. */
  async function checkKeyCapacity(input: StepInput): Promise<StepOutput> {
    const user = serviceUserOf(connection);
    ensureRoom(await client.listApiKeys(user.apiKey, orgId, user.userId), keyNameFor(input.credentialId));
    return {};
  }

  /** Finds the credential's key by name or creates it (expiring with the access time), then reveals it. */
  async function createServiceKey(input: StepInput): Promise<StepOutput> {
    const user = serviceUserOf(connection);
    const name = keyNameFor(input.credentialId);
    const keys = await client.listApiKeys(user.apiKey, orgId, user.userId);
    let key = keys.find((k) => k.name === name);
    if (!key) {
      ensureRoom(keys, name);
      try {
        key = await client.createApiKey(user.apiKey, orgId, user.userId, { name, expiresAt: Date.now() + input.ttlMs });
      } catch (error) {
        // A lost response to an earlier attempt: the key exists now, so use it.
        if (!isVendorError(error, 'conflict')) throw error;
        key = (await client.listApiKeys(user.apiKey, orgId, user.userId)).find((k) => k.name === name);
        if (!key) throw error;
      }
    }
    const secret = await client.decryptApiKey(user.apiKey, orgId, user.userId, key.id);
    return { ref: { userId: String(user.userId), keyId: String(key.id) }, secret };
  }

  /** The new key lists its own user's keys; that proves it signs in, and tells its hard expiry. */
  async function keyAuthenticates(input: StepInput): Promise<VerifyOutcome> {
    if (!input.secret) return { ok: false, detail: 'no key has been recorded for this credential' };
    const user = serviceUserOf(connection);
    let keys: AutomoxApiKey[];
    try {
      keys = await client.listApiKeys(input.secret, orgId, user.userId);
    } catch (error) {
      if (isVendorError(error, 'unauthorized')) return { ok: false, detail: error.message };
      throw error;
    }
    const own = keys.find((k) => String(k.id) === input.ref.keyId);
    return {
      ok: true,
      detail: 'the new key signs in',
      ...(own?.expiresAt ? { expiresAt: new Date(own.expiresAt).toISOString() } : {}),
    };
  }

  return { checkKeyCapacity, createServiceKey, keyAuthenticates };
}
