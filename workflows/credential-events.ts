/**
 * What the credential workflow does when one of its durable timers comes due (`nextEvent`): revoke an unrevealed
 * key, expire, retire an old key after its overlap, ask whether a machine consumer has switched, remind, rotate,
 * or check the key still works. Owner and admin actions are handled beside the loop in `credential.ts`.
 */
import { slack } from './activities';
import {
  checkConsumer,
  consumerSwitched,
  handOver,
  reportHandoverFailure,
  warnNotSwitched,
} from './credential-handover';
import type { CredentialEvent, EventRules } from './credential-rules';
import {
  closeRemovedAtVendor,
  retireKey,
  revokeEverything,
  rotate,
  stillWorks,
  type Rotation,
} from './credential-steps';
import type { AuditRecorder, TaskDesk } from './tasks';
import type { Credential, CredentialState } from './types';

export type Outcome = 'continue' | 'rotated' | 'finished';

export interface Desks {
  desk: TaskDesk | undefined;
  record: AuditRecorder;
  rules: EventRules;
}

export const revocationOutcome = (verified: boolean) =>
  verified ? 'revoked and proved refused by the vendor' : 'revocation not verified; admins alerted';

export async function onEvent(
  credential: Credential,
  state: CredentialState,
  event: CredentialEvent,
  { desk, record, rules }: Desks,
): Promise<Outcome> {
  const { request } = credential;
  switch (event.kind) {
    case 'reveal_deadline': {
      const verified = await revokeEverything(credential, state, desk);
      record(
        'credential.revoked_unrevealed',
        { detail: `never revealed; ${revocationOutcome(verified)}` },
        { verified },
      );
      await slack.notify(request.requester.userId, { kind: 'unrevealed', request, verified });
      return 'finished';
    }
    case 'expiry': {
      const verified = await revokeEverything(credential, state, desk);
      record('credential.expired', { detail: revocationOutcome(verified) }, { verified });
      await slack.notify(request.requester.userId, { kind: 'revoked', request, verified });
      return 'finished';
    }
    case 'retire':
      await retire(credential, event.generationId, { desk, record });
      return 'continue';
    case 'consumer_check':
      await checkConsumer(credential, record);
      return 'continue';
    case 'reminder':
      credential.remindedAt.push(new Date(event.at).toISOString());
      record('credential.reminded', { detail: `expires ${credential.expiresAt}` });
      await slack.remindOwner({ credentialId: credential.credentialId, request, expiresAt: credential.expiresAt });
      return 'continue';
    case 'rotation':
      return rotated(await rotate(credential, state, desk, { rules, record }), credential, record);
    case 'liveness':
      if (await stillWorks(credential)) {
        credential.checkedAt = new Date().toISOString();
        return 'continue';
      }
      await closeRemovedAtVendor(credential, state, desk);
      record('credential.removed_at_vendor', { detail: 'the key no longer works at the vendor; credential closed' });
      return 'finished';
  }
}

/** Retires an old key; for a destination credential whose consumer was never seen switching, the owner hears first. */
async function retire(
  credential: Credential,
  generationId: string,
  { desk, record }: Pick<Desks, 'desk' | 'record'>,
): Promise<void> {
  const key = credential.retiring.find((k) => k.generationId === generationId);
  const unswitched = credential.request.destination && key && !key.consumerSwitchedAt;
  if (unswitched) await warnNotSwitched(credential, key, record);
  const verified = await retireKey(credential, generationId, desk);
  const why = !credential.request.destination
    ? 'after the rotation overlap'
    : unswitched
      ? 'at the end of the rotation overlap'
      : 'after the consumer switched to the new key';
  record(
    'credential.old_key_retired',
    { detail: `key ${generationId} revoked ${why}` },
    verified === undefined ? {} : { verified },
  );
}

export function rotated(result: Rotation, credential: Credential, record: AuditRecorder, actor?: string): Outcome {
  const { current, request } = credential;
  const where = request.destination ? `written to ${request.destination.describe}` : 'offered';
  record(result.ok ? 'credential.rotated' : 'credential.rotation_failed', {
    ...(actor ? { actor } : {}),
    detail: result.ok ? `new key ${current.generationId} ${where}` : 'the old key stays in use',
  });
  if (result.acknowledged) consumerSwitched(credential, result.acknowledged, record);
  return result.ok ? 'rotated' : 'continue';
}

/**
 * The first key of a destination credential goes to the destination at once. If it cannot (the destination
 * refused it, or stayed down through the retries), the key is revoked and the owner and admins are told: nothing
 * is left live that nobody holds. Returns whether the credential lives on.
 */
export async function handOverFirst(
  credential: Credential,
  state: CredentialState,
  desk: TaskDesk | undefined,
  record: AuditRecorder,
): Promise<boolean> {
  const { current, request } = credential;
  if (current.offered) return true;
  const handed = await handOver(credential, current, record);
  if (handed.ok) {
    await slack.notify(request.requester.userId, {
      kind: 'handed_over',
      request,
      generationId: current.generationId,
      detail: handed.detail,
      expiresAt: credential.expiresAt,
    });
    return true;
  }
  const verified = await revokeEverything(credential, state, desk);
  record('credential.revoked', { detail: `not delivered; ${revocationOutcome(verified)}` }, { verified });
  await reportHandoverFailure(credential, handed.reason, false);
  return false;
}
