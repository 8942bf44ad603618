/**
 * Invite mode: invite the requester as a read-only user, wait until they accept, then check the key they made
 * and pasted: it must be theirs, carry the expected name, and expire no later than the access time allows.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { ConditionOutcome, StepInput, StepOutput, VerifyOutcome } from '../types';
import type { AutomoxAccounts } from './accounts';
import type { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { suggestedExpiryDay } from './instructions';
import { PREEXISTING_USER } from './invite-revoke';
import { emailOf, GRANT_KEY_MANAGE, inviteOf, isVendorError, VENDOR } from './modes';
import { keyNameFor } from './names';
import type { AutomoxApiKey, AutomoxZoneUser } from './schemas';
import { latestAcceptedExpiry, utcDay } from './time';

const READ_ONLY = 'read-only';

/** Why a listed key is not acceptable, in words the person can act on; undefined when it is. */
function keyProblem(key: AutomoxApiKey, input: StepInput, now: number): string | undefined {
  const redo = `delete it and create it again with the expiry date ${suggestedExpiryDay(input.ttlMs, now)}`;
  if (!key.enabled) return `the key ${key.name} is disabled in Automox; enable it and submit it again`;
  if (key.expiresAt === null) return `the key ${key.name} never expires; ${redo}`;
  if (key.expiresAt <= now) return `the key ${key.name} has already expired; ${redo}`;
  if (key.expiresAt > latestAcceptedExpiry(now, input.ttlMs)) {
    return `the key ${key.name} expires on ${utcDay(key.expiresAt)}, later than this request allows; ${redo}`;
  }
  return undefined;
}

/** Where an active zone user stands, or throws when the address belongs to someone who is not read-only. */
function acceptedOutcome(user: AutomoxZoneUser, email: string): ConditionOutcome {
  if (user.zoneRole !== READ_ONLY) {
    throw new VendorError(
      'invalid_request',
      `${email} already has an Automox user with the zone role ${user.zoneRole ?? 'unknown'}; Keywarden only ` +
        'hands out read-only users, so ask with an address that has no Automox user yet',
      { vendor: VENDOR },
    );
  }
  if (user.id === undefined || !user.uuid) {
    return { met: false, detail: `Automox has not given ${email} a user id yet` };
  }
  return {
    met: true,
    detail: `${email} accepted the invitation`,
    ref: { userId: String(user.id), userUuid: user.uuid },
  };
}

/** Invite mode's action, condition and check, bound to one connection. */
export function inviteSteps(client: AutomoxClient, accounts: AutomoxAccounts, connection: AutomoxConnection) {
  const { orgId } = connection;

  /**
   * Invites the requester. A person who already has an Automox user is not invited again, and is marked so that
   * revocation leaves their user alone (it was not Keywarden's); an open invitation or a 409 is fine: the await
   * step sorts it out.
   */
  async function inviteUser(input: StepInput): Promise<StepOutput> {
    const invite = inviteOf(connection);
    const email = emailOf(input.fields);
    const users = await accounts.listZoneUsers(invite.adminApiKey, invite.accountId, invite.zoneId);
    const existing = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (existing && existing.status !== 'pending-invite') return { ref: { [PREEXISTING_USER]: 'true' } };
    try {
      await accounts.invite(invite.adminApiKey, invite.accountId, { email, zoneId: invite.zoneId });
    } catch (error) {
      if (!isVendorError(error, 'conflict')) throw error;
    }
    return {};
  }

  /** Met when the address's zone user is `active`; gives its numeric id and uuid. */
  async function invitationAccepted(input: StepInput): Promise<ConditionOutcome> {
    const invite = inviteOf(connection);
    const email = emailOf(input.fields);
    const users = await accounts.listZoneUsers(invite.adminApiKey, invite.accountId, invite.zoneId);
    const user = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (!user) return { met: false, detail: `${email} is not in the Automox zone yet` };
    if (user.status === 'pending-invite') {
      return { met: false, detail: `the invitation to ${email} is not accepted yet` };
    }
    if (user.status !== 'active') {
      return { met: false, detail: `the Automox user ${email} is ${user.status}; an Automox admin must enable it` };
    }
    return acceptedOutcome(user, email);
  }

  /** Whether the pasted key is the listed key itself: only a key's owner may decrypt it, and it must match. */
  async function pastedProblem(secret: SecretText, userId: number, key: AutomoxApiKey): Promise<string | undefined> {
    try {
      const actual = await client.decryptApiKey(secret, orgId, userId, key.id);
      if (actual.reveal() === secret.reveal()) return undefined;
      return `the submitted key is another of this user's keys, not ${key.name}; copy ${key.name} and submit it`;
    } catch (error) {
      if (isVendorError(error, 'unauthorized')) {
        return `the submitted key was refused — ${error.message}. Copy ${key.name} again and submit it`;
      }
      if (isVendorError(error, 'forbidden')) {
        // Automox answers 403 both for another user's key and for an owner whose role may not manage its own keys.
        return (
          `Automox would not let the submitted key read ${key.name}: either it belongs to a different Automox user ` +
          `(sign in as the invited user and submit ${key.name}) or the invited user's role lacks the ` +
          `"Personal API Key: Manage" permission (${GRANT_KEY_MANAGE.replace('give that', 'an Automox admin must give that')})`
        );
      }
      throw error;
    }
  }

  /** The pasted key authenticates as the invited user and is their key `keywarden-<id>` with an acceptable expiry. */
  async function pastedKeyValid(input: StepInput): Promise<VerifyOutcome> {
    const invite = inviteOf(connection);
    const userId = Number(input.ref.userId);
    if (!Number.isInteger(userId) || userId <= 0) {
      return { ok: false, detail: 'the invited Automox user is not known yet' };
    }
    if (!input.secret) return { ok: false, detail: 'no key has been submitted yet' };
    const name = keyNameFor(input.credentialId);
    const key = (await client.listApiKeys(invite.adminApiKey, orgId, userId)).find((k) => k.name === name);
    const now = Date.now();
    const problem = key
      ? (keyProblem(key, input, now) ?? (await pastedProblem(input.secret, userId, key)))
      : `there is no key named ${name} under the invited Automox user; create it with exactly that name`;
    if (problem || !key?.expiresAt) return { ok: false, detail: problem ?? `the key ${name} has no expiry` };
    return {
      ok: true,
      detail: `the submitted key is ${name}, expiring on ${utcDay(key.expiresAt)}`,
      ref: { userId: String(userId), keyId: String(key.id) },
      expiresAt: new Date(key.expiresAt).toISOString(),
    };
  }

  return { inviteUser, invitationAccepted, pastedKeyValid };
}
