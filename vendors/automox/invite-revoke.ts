/**
 * Revocation in invite mode, with the admin key (Automox lets administrators disable and delete other users'
 * keys): disable the key, delete it, remove the invited user (they could mint new keys for themselves), and prove
 * the user is gone and the key refused. A user who existed before Keywarden's invitation is not Keywarden's to
 * remove; nor is a user whose next key generation is still live (a rotation retiring the old key).
 */
import type { StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxAccounts } from './accounts';
import type { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { emailOf, inviteOf, isVendorError } from './modes';
import { credentialOfGeneration, credentialOfKeyName, keyNameFor } from './names';
import type { AutomoxZoneUser } from './schemas';

/** Marks, in the credential's ref, a user who existed before Keywarden invited them. */
export const PREEXISTING_USER = 'preexistingUser';

/** Invite mode's revoke actions and checks, bound to one connection. */
export function inviteRevokeSteps(client: AutomoxClient, accounts: AutomoxAccounts, connection: AutomoxConnection) {
  const { orgId } = connection;

  async function zoneUser(input: StepInput): Promise<AutomoxZoneUser | undefined> {
    const invite = inviteOf(connection);
    const users = await accounts.listZoneUsers(invite.adminApiKey, invite.accountId, invite.zoneId);
    const email = emailOf(input.fields).toLowerCase();
    return users.find((u) => (input.ref.userUuid ? u.uuid === input.ref.userUuid : u.email.toLowerCase() === email));
  }

  /** The invited user's id: recorded at acceptance, else looked up (the flow may have stopped early). */
  async function userIdOf(input: StepInput): Promise<number | undefined> {
    const known = Number(input.ref.userId);
    return Number.isInteger(known) && known > 0 ? known : (await zoneUser(input))?.id;
  }

  /** The credential's key id, or undefined when there is none (or the user is already gone). */
  async function keyIdOf(input: StepInput, userId: number): Promise<number | undefined> {
    const known = Number(input.ref.keyId);
    if (Number.isInteger(known) && known > 0) return known;
    const name = keyNameFor(input.credentialId);
    const keys = await listOrNone(userId);
    return keys.find((k) => k.name === name)?.id;
  }

  async function listOrNone(userId: number) {
    try {
      return await client.listApiKeys(inviteOf(connection).adminApiKey, orgId, userId);
    } catch (error) {
      if (isVendorError(error, 'not_found')) return []; // the user was removed, keys and all
      throw error;
    }
  }

  /** Another generation of this credential still lives on the user (a rotation): the user stays. */
  async function otherGenerationLive(input: StepInput, userId: number): Promise<boolean> {
    const credential = credentialOfGeneration(input.credentialId);
    const name = keyNameFor(input.credentialId);
    const keys = await listOrNone(userId);
    return keys.some((k) => k.name !== name && credentialOfKeyName(k.name) === credential);
  }

  async function disableKey(input: StepInput): Promise<StepOutput> {
    const userId = await userIdOf(input);
    const keyId = userId === undefined ? undefined : await keyIdOf(input, userId);
    if (userId !== undefined && keyId !== undefined) {
      await client.setApiKeyEnabled(inviteOf(connection).adminApiKey, orgId, userId, keyId, false);
    }
    return {};
  }

  /** Deleting a key that is already gone is success. */
  async function deleteKey(input: StepInput): Promise<StepOutput> {
    const userId = await userIdOf(input);
    const keyId = userId === undefined ? undefined : await keyIdOf(input, userId);
    if (userId !== undefined && keyId !== undefined) {
      await client.deleteApiKey(inviteOf(connection).adminApiKey, orgId, userId, keyId);
    }
    return {};
  }

  /** `DELETE /accounts/{id}/users/{uuid}` for the user Keywarden invited; already gone is success. */
  async function removeInvitedUser(input: StepInput): Promise<StepOutput> {
    if (input.ref[PREEXISTING_USER] === 'true') return {};
    const user = await zoneUser(input);
    if (!user?.uuid) return {};
    if (user.id !== undefined && (await otherGenerationLive(input, user.id))) return {};
    const invite = inviteOf(connection);
    await accounts.removeUser(invite.adminApiKey, invite.accountId, user.uuid);
    return {};
  }

  /** The invited user is no longer in the zone's users (unless it is not Keywarden's to remove). */
  async function invitedUserRemoved(input: StepInput): Promise<VerifyOutcome> {
    if (input.ref[PREEXISTING_USER] === 'true') {
      return { ok: true, detail: 'the Automox user existed before Keywarden invited it, so it stays' };
    }
    const user = await zoneUser(input);
    if (!user) return { ok: true, detail: `${emailOf(input.fields)} is no longer an Automox user` };
    if (user.id !== undefined && (await otherGenerationLive(input, user.id))) {
      return { ok: true, detail: 'the Automox user stays: a newer key of this credential is still live' };
    }
    return { ok: false, detail: `${emailOf(input.fields)} is still an Automox user (${user.status})` };
  }

  /** The old secret cannot read its own user's keys; without a recorded secret, the key must no longer be listed. */
  async function keyRefused(input: StepInput): Promise<VerifyOutcome> {
    const userId = await userIdOf(input);
    if (userId === undefined) return { ok: true, detail: 'the invited person has no Automox user, so no key exists' };
    if (input.secret) {
      const probe = await client.probeKey(input.secret, orgId, userId);
      return probe === 'refused'
        ? { ok: true, detail: 'Automox refuses the old key' }
        : { ok: false, detail: 'Automox still accepts the old key' };
    }
    const name = keyNameFor(input.credentialId);
    const listed = (await listOrNone(userId)).some((k) => k.name === name);
    return listed
      ? { ok: false, detail: `the key ${name} still exists` }
      : { ok: true, detail: `no key named ${name}` };
  }

  return { disableKey, deleteKey, removeInvitedUser, invitedUserRemoved, keyRefused };
}
