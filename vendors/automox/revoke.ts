/**
 * Revocation in both modes: disable the key first (refused at once, even if deleting then fails), delete it,
 * and prove the old secret is refused. In service-user mode the service user manages its own keys; in invite
 * mode the admin key does, as Automox lets administrators disable and delete other users' keys.
 */
import type { SecretText } from '../secret-text';
import type { StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { emailOf, inviteOf, serviceUserOf } from './modes';
import { isInviteMode, keyNameFor } from './names';

/** Whose key it is and which key may manage it; undefined when an invited person never got a user. */
interface KeyManager {
  apiKey: SecretText;
  userId: number;
}

/** The revoke actions and check shared by both modes, bound to one connection. */
export function revokeSteps(client: AutomoxClient, connection: AutomoxConnection) {
  const { orgId } = connection;

  async function managerFor(input: StepInput): Promise<KeyManager | undefined> {
    if (!isInviteMode(input.fields)) {
      const user = serviceUserOf(connection);
      return { apiKey: user.apiKey, userId: user.userId };
    }
    const invite = inviteOf(connection);
    const known = Number(input.ref.userId);
    if (Number.isInteger(known) && known > 0) return { apiKey: invite.adminApiKey, userId: known };
    // No id recorded (the flow stopped early): find the person's user, if there is one.
    const email = emailOf(input.fields).toLowerCase();
    const users = await client.listZoneUsers(invite.adminApiKey, invite.accountId, invite.zoneId);
    const id = users.find((u) => u.email.toLowerCase() === email)?.id;
    return id === undefined ? undefined : { apiKey: invite.adminApiKey, userId: id };
  }

  /** The credential's key id: recorded by provisioning, else looked up by name; undefined when there is none. */
  async function keyIdFor(input: StepInput, manager: KeyManager): Promise<number | undefined> {
    const known = Number(input.ref.keyId);
    if (Number.isInteger(known) && known > 0) return known;
    const name = keyNameFor(input.credentialId);
    return (await client.listApiKeys(manager.apiKey, orgId, manager.userId)).find((k) => k.name === name)?.id;
  }

  async function disableKey(input: StepInput): Promise<StepOutput> {
    const manager = await managerFor(input);
    const keyId = manager && (await keyIdFor(input, manager));
    if (manager && keyId !== undefined) {
      await client.setApiKeyEnabled(manager.apiKey, orgId, manager.userId, keyId, false);
    }
    return {};
  }

  /** Deleting a key that is already gone is success. */
  async function deleteKey(input: StepInput): Promise<StepOutput> {
    const manager = await managerFor(input);
    const keyId = manager && (await keyIdFor(input, manager));
    if (manager && keyId !== undefined) await client.deleteApiKey(manager.apiKey, orgId, manager.userId, keyId);
    return {};
  }

  /** The old secret is refused (401); without a recorded secret, the key must no longer be listed. */
  async function keyRefused(input: StepInput): Promise<VerifyOutcome> {
    const manager = await managerFor(input);
    if (!manager) return { ok: true, detail: 'the invited person never got an Automox user, so no key exists' };
    if (input.secret) {
      const probe = await client.probeKey(input.secret, orgId, manager.userId);
      return probe === 'refused'
        ? { ok: true, detail: 'Automox refuses the old key' }
        : { ok: false, detail: 'Automox still accepts the old key' };
    }
    const name = keyNameFor(input.credentialId);
    const listed = (await client.listApiKeys(manager.apiKey, orgId, manager.userId)).some((k) => k.name === name);
    return listed
      ? { ok: false, detail: `the key ${name} still exists` }
      : { ok: true, detail: `no key named ${name}` };
  }

  return { disableKey, deleteKey, keyRefused };
}
