/**
 * A key for a machine: each generation is written to the request's destination instead of being offered for a
 * reveal, and a rotation retires the old key once there is evidence that the consumer uses the new one — the
 * destination's acknowledgement, or the vendor's last-used time (asked on durable timers through the overlap) —
 * or, failing both, when the overlap runs out, after the owner has been told the consumer has not switched.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { KeywardenActivities } from './activity-contract';
import { slack, vendorActivities } from './activities';
import { failureReason } from './failure-reason';
import { subjectFor } from './subject';
import type { AuditRecorder } from './tasks';
import type { Credential, KeyGeneration, RetiringKey } from './types';

/** Retried for about half an hour (a destination that is down); refusals and misconfiguration are not retried. */
const destinations = proxyActivities<KeywardenActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 12 },
});

export type Handover = { ok: true; acknowledged: boolean; detail: string } | { ok: false; reason: string };

/** Writes `key` to the destination; on success it is marked handed over (never offered for a reveal). */
export async function handOver(credential: Credential, key: KeyGeneration, record: AuditRecorder): Promise<Handover> {
  const { request } = credential;
  const where = request.destination?.describe ?? 'the destination';
  try {
    const receipt = await destinations.deliverToDestination({
      credentialId: credential.credentialId,
      generationId: key.generationId,
      generation: key.generation,
      request,
      secret: key.secret,
      expiresAt: credential.expiresAt,
    });
    key.offered = true;
    key.handedOverAt = new Date().toISOString();
    record('credential.written_to_destination', { detail: `key ${key.generationId} to ${where}: ${receipt.detail}` });
    return { ok: true, ...receipt };
  } catch (error) {
    const reason = failureReason(error);
    record('credential.handover_failed', { detail: `key ${key.generationId} to ${where}: ${reason}` });
    return { ok: false, reason };
  }
}

/** Tells the owner and the admins that a key could not be written to its destination. */
export async function reportHandoverFailure(credential: Credential, reason: string, rotated: boolean): Promise<void> {
  const { request } = credential;
  await Promise.all([
    slack.notify(request.requester.userId, { kind: 'handover_failed', request, reason, rotated }),
    slack.alertAdmins(
      request,
      `the ${request.vendor.displayName} key of request \`${request.requestId}\` could not be written to ${request.destination?.describe ?? 'its destination'} (${reason}); ${rotated ? 'the new key was revoked and the current one stays in place' : 'the key was revoked'}.`,
    ),
  ]);
}

/** The consumer uses the current key: every old key still waiting for it is retired now. */
export function consumerSwitched(credential: Credential, evidence: string, record: AuditRecorder): void {
  const now = new Date().toISOString();
  for (const key of awaitingSwitch(credential)) {
    key.consumerSwitchedAt = now;
    if (Date.parse(key.revokeAt) > Date.parse(now)) key.revokeAt = now;
    record('credential.consumer_switched', { detail: `${evidence}; old key ${key.generationId} is retired now` });
  }
}

export function awaitingSwitch(credential: Credential): RetiringKey[] {
  return credential.retiring.filter((key) => !key.consumerSwitchedAt);
}

/**
 * Asks the vendor when the current key was last used. Only a use after Keywarden's own last sign-in with it (its
 * verification before the handover, its liveness checks) counts, compared in whole seconds as vendors report it.
 * A vendor that cannot say is not asked again; one that does not answer counts as "not yet".
 */
export async function checkConsumer(credential: Credential, record: AuditRecorder): Promise<void> {
  const { request, current } = credential;
  credential.consumerCheckedAt = new Date().toISOString();
  const usage = await vendorActivities(request.vendor.key)
    .vendorLastUsed(subjectFor(request, current.generationId, current.ref, current.secret))
    .catch(() => ({ supported: true, lastUsedAt: undefined }));
  if (!usage.supported) {
    credential.vendorShowsUse = false;
    return;
  }
  const ownUse = Math.max(
    Date.parse(current.handedOverAt ?? current.deliveredAt),
    credential.checkedAt ? Date.parse(credential.checkedAt) : 0,
  );
  const seconds = (ms: number) => Math.floor(ms / 1000);
  if (usage.lastUsedAt && seconds(Date.parse(usage.lastUsedAt)) > seconds(ownUse)) {
    consumerSwitched(
      credential,
      `${request.vendor.displayName} saw key ${current.generationId} used at ${usage.lastUsedAt}`,
      record,
    );
  }
}

/** The overlap ran out with no sign of the consumer on the new key: the owner hears it before the old key goes. */
export async function warnNotSwitched(credential: Credential, key: RetiringKey, record: AuditRecorder): Promise<void> {
  const { request, current } = credential;
  record('credential.consumer_not_switched', {
    detail: `no sign that the consumer uses key ${current.generationId} by the end of the overlap; old key ${key.generationId} is retired anyway`,
    people: [request.requester.userId],
  });
  await slack.notify(request.requester.userId, {
    kind: 'consumer_not_switched',
    request,
    oldGenerationId: key.generationId,
    newGenerationId: current.generationId,
  });
}
