/**
 * Minting and removing a credential's key with least privilege. A key is found by listing (documented), never by
 * an undocumented 404. A key already under the credential's appname is regenerated only when its role is exactly
 * the requested one: a broader (or different) key is never regenerated, changed or handed out.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { StepInput } from '../types';
import type { AdminSession } from './admin';
import type { AccessToken, VectraFusionClient, VectraKey } from './client';

export function appnameFor(credentialId: string): string {
  return `keywarden-${credentialId}`;
}

/** Whether the key at the vendor has exactly the requested role, no more and no other. */
export function hasExactRole(key: VectraKey, role: string): boolean {
  return key.roles.length === 1 && key.roles[0] === role;
}

export function describeRoles(key: VectraKey): string {
  return key.roles.length > 0 ? key.roles.join(', ') : 'no role';
}

/** What the admins are told when a key under the credential's appname has another role. */
export function scopeMismatch(key: VectraKey, role: string, requestId: string): VendorError {
  return new VendorError(
    'scope_mismatch',
    `Vectra Fusion already has an API key named "${key.appname}" with role ${describeRoles(key)}, not the ` +
      `requested ${role}. Keywarden did not regenerate, change or hand out that key, and left it as it is. An admin ` +
      `should find out who created it (the name is reserved for Keywarden's request ${requestId}) and delete it in ` +
      'Settings > API Keys if nobody needs it; the requester can then ask again.',
    { vendor: 'Vectra Fusion' },
  );
}

/** Statuses a refused create may use for a taken appname (undocumented): told apart from a bad request by listing. */
function mayBeDuplicate(error: unknown): boolean {
  return error instanceof VendorError && (error.code === 'invalid_request' || error.code === 'conflict');
}

export class KeyKeeper {
  constructor(
    private readonly client: VectraFusionClient,
    private readonly admin: AdminSession,
  ) {}

  /**
   * The credential's key with a fresh appkey: created, or, when an earlier attempt created it but its appkey was
   * lost, regenerated. Throws `scope_mismatch` when a key under that appname has any other role.
   */
  async mint(input: StepInput, description: string): Promise<{ appname: string; appkey: SecretText }> {
    const appname = appnameFor(input.credentialId);
    await this.admin.refresh();
    return this.admin.run(async (token) => {
      const existing = await this.client.findKey(token, appname);
      if (existing) return { appname, appkey: await this.regenerate(token, existing, input, description) };
      try {
        return { appname, appkey: await this.client.createKey(token, { appname, role: input.role, description }) };
      } catch (error) {
        if (!mayBeDuplicate(error)) throw error;
        const raced = await this.client.findKey(token, appname);
        if (!raced) throw error; // a real bad request, not a duplicate
        return { appname, appkey: await this.regenerate(token, raced, input, description) };
      }
    });
  }

  /**
   * Deletes the credential's key; already gone is success, decided by listing (an unknown appname may come back
   * 400, 404 or 500). Without a recorded appname (cleaning up a create that failed), a key with another role is not
   * one Keywarden made, so it is left untouched.
   */
  remove(input: StepInput): Promise<'deleted' | 'absent' | 'not_ours'> {
    const appname = input.ref.appname ?? appnameFor(input.credentialId);
    return this.admin.run(async (token) => {
      const key = await this.client.findKey(token, appname);
      if (!key) return 'absent';
      if (!input.ref.appname && !hasExactRole(key, input.role)) return 'not_ours';
      try {
        await this.client.deleteKey(token, appname);
        return 'deleted';
      } catch (error) {
        if (
          error instanceof VendorError &&
          error.code !== 'rate_limited' &&
          !(await this.client.findKey(token, appname))
        )
          return 'absent';
        throw error;
      }
    });
  }

  /** The key under `appname` as the vendor lists it, or undefined. */
  find(appname: string): Promise<VectraKey | undefined> {
    return this.admin.run((token) => this.client.findKey(token, appname));
  }

  private regenerate(token: AccessToken, key: VectraKey, input: StepInput, description: string): Promise<SecretText> {
    if (!hasExactRole(key, input.role)) throw scopeMismatch(key, input.role, input.requestId);
    return this.client.regenerateKey(token, {
      appname: key.appname,
      description: key.description ?? description,
      roles: key.roles,
    });
  }
}
