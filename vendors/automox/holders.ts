/**
 * Who holds which key of an integration's Automox user. Automox lets any key of a user list, decrypt, disable and
 * delete every key of that user and mint new ones, so a user's keys are one holder's keys: Keywarden's bootstrap
 * key (from `api_key_env`), the live generations of one credential, and anything that holder minted on the side.
 */
import { timingSafeEqual } from 'node:crypto';
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { AutomoxClient } from './client';
import type { AutomoxIntegration } from './config';
import { GRANT_KEY_MANAGE, isVendorError, VENDOR } from './modes';
import { credentialOfKeyName } from './names';
import type { AutomoxApiKey } from './schemas';

/** What a listed key is, seen from one credential. */
export type KeyKind = 'bootstrap' | 'this-credential' | 'other-credential' | 'untracked';

export function kindOf(key: AutomoxApiKey, bootstrapId: number, credentialId: string): KeyKind {
  if (key.id === bootstrapId) return 'bootstrap';
  const owner = credentialOfKeyName(key.name);
  if (owner === undefined) return 'untracked';
  return owner === credentialId ? 'this-credential' : 'other-credential';
}

/** Compares two secrets without leaving them anywhere but memory, in time that does not depend on where they differ. */
function sameSecret(a: SecretText, b: SecretText): boolean {
  const left = Buffer.from(a.reveal());
  const right = Buffer.from(b.reveal());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Finds which of a user's keys is Keywarden's bootstrap key, by decrypting each with the bootstrap key itself
 * (only a key's owner may decrypt, so this also proves the key is that user's own) and comparing in memory.
 * Automox documents no other way to tell which key a request was signed with. The id is cached per process and
 * found again when the cached key is no longer listed (the bootstrap key was replaced).
 */
export class BootstrapKeys {
  private readonly ids = new Map<number, number>();

  constructor(
    private readonly client: AutomoxClient,
    private readonly orgId: number,
  ) {}

  async idOf(integration: AutomoxIntegration, keys: readonly AutomoxApiKey[]): Promise<number> {
    const id = await this.find(integration, keys);
    if (id !== undefined) return id;
    throw new VendorError(
      'needs_admin',
      `the key in ${integration.apiKeyEnv} is not one of Automox user ${integration.userId}'s keys; check ` +
        `integrations.${integration.name}.user_id in keywarden.yaml, or set ${integration.apiKeyEnv} to a key of that user`,
      { vendor: VENDOR },
    );
  }

  /** The bootstrap key's id, or undefined when it is none of `keys` (it belongs to another user). */
  async find(integration: AutomoxIntegration, keys: readonly AutomoxApiKey[]): Promise<number | undefined> {
    const cached = this.ids.get(integration.userId);
    if (cached !== undefined && keys.some((k) => k.id === cached)) return cached;
    // Keys Keywarden named are never the bootstrap key, so they are tried last.
    const named = (k: AutomoxApiKey) => Number(credentialOfKeyName(k.name) !== undefined);
    for (const key of [...keys].sort((a, b) => named(a) - named(b))) {
      if (sameSecret(await this.decrypt(integration, key.id), integration.apiKey)) {
        this.ids.set(integration.userId, key.id);
        return key.id;
      }
    }
    return undefined;
  }

  private async decrypt(integration: AutomoxIntegration, keyId: number): Promise<SecretText> {
    try {
      return await this.client.decryptApiKey(integration.apiKey, this.orgId, integration.userId, keyId);
    } catch (error) {
      if (isVendorError(error, 'forbidden')) throw cannotManageKeys(integration, error);
      throw error;
    }
  }
}

/**
 * Automox answered 403 to creating or decrypting one of the integration user's keys with the integration's key.
 * It gives the same status for a key of another user and for an owner whose role may not manage its own keys,
 * so both fixes are named; only an admin can apply either.
 */
export function cannotManageKeys(integration: AutomoxIntegration, error: VendorError): VendorError {
  return new VendorError(
    'needs_admin',
    `Automox refused integration ${integration.name}'s key access to user ${integration.userId}'s own keys ` +
      `(${error.message}). Either ${integration.apiKeyEnv} holds a key of another user (set it to a key created by ` +
      `user ${integration.userId} itself, or fix integrations.${integration.name}.user_id), or ${GRANT_KEY_MANAGE}`,
    { vendor: VENDOR, ...(error.details.status === undefined ? {} : { status: error.details.status }) },
  );
}

/** `keywarden-abc (id 9001)`, for messages: names and ids only. */
export function describeKeys(keys: readonly AutomoxApiKey[]): string {
  return keys.map((k) => `${k.name} (id ${k.id})`).join(', ');
}
