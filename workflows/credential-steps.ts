/**
 * The credential workflow's vendor work: rotation (provision a new generation, offer it, retire the old key after
 * the overlap) and revocation (the vendor's revoke playbook, proved; admins alerted when it cannot be).
 */
import { patched } from '@temporalio/workflow';
import { slack, vendorActivities } from './activities';
import { failureReason } from './failure-reason';
import { runPlaybook } from './playbook';
import { handOver, reportHandoverFailure } from './credential-handover';
import { revealDeadline, type EventRules } from './credential-rules';
import { subjectFor } from './subject';
import type { AuditRecorder, TaskDesk } from './tasks';
import type { Credential, CredentialState, KeyGeneration } from './types';

/**
 * Automated revocations are re-checked 12 times, from 5 s doubling (about 3 hours in all), before the admins are
 * alerted.
 */
const REVOKE_VERIFY = { attempts: 12, firstDelayMs: 5_000, maxDelayMs: 4 * 3_600_000 };
const ROTATE_VERIFY = { attempts: 4, firstDelayMs: 2_000, maxDelayMs: 30_000 };

/** Revokes one key and proves it; alerts the admins when it cannot be proved. */
export async function revokeKey(
  credential: Credential,
  key: KeyGeneration,
  desk: TaskDesk | undefined,
): Promise<boolean> {
  const { request } = credential;
  const subject = subjectFor(request, key.generationId, key.ref, key.secret);
  const revoked = await runPlaybook(request.playbooks.revoke, subject, { verify: REVOKE_VERIFY, request, desk }).catch(
    (error: unknown) => ({ ok: false as const, detail: failureReason(error) }),
  );
  if (!revoked.ok) {
    await slack.alertAdmins(
      request,
      `could not verify that the ${request.vendor.displayName} key from request \`${request.requestId}\` was revoked (${revoked.detail}). Revoke it by hand.`,
    );
  }
  return revoked.ok;
}

/** Revokes the current key and every retiring one; true when every revocation was proved. */
export async function revokeEverything(
  credential: Credential,
  state: CredentialState,
  desk: TaskDesk | undefined,
): Promise<boolean> {
  state.status = 'revoking';
  let verified = true;
  for (const key of [...credential.retiring, credential.current])
    verified = (await revokeKey(credential, key, desk)) && verified;
  credential.retiring = [];
  state.revokedAt = new Date().toISOString();
  state.status = verified ? 'revoked' : 'revoke_unverified';
  return verified;
}

/** Revokes an old key whose rotation overlap has ended: whether it was proved refused; undefined if none was left. */
export async function retireKey(
  credential: Credential,
  generationId: string,
  desk: TaskDesk | undefined,
): Promise<boolean | undefined> {
  const key = credential.retiring.find((k) => k.generationId === generationId);
  if (!key) return undefined;
  const verified = await revokeKey(credential, key, desk);
  credential.retiring = credential.retiring.filter((k) => k.generationId !== generationId);
  return verified;
}

/** What a rotation did: whether a new key is in place, and the destination's acknowledgement of it, if any. */
export interface Rotation {
  ok: boolean;
  acknowledged?: string;
}

/**
 * Provisions the next generation with the vendor's provision playbook (its key named after the generation, so a
 * retried step finds it), offers it to the owner — or, for a destination credential, writes it to the destination
 * first — and keeps the old key through the overlap. On failure the old key stays in place (a new key the
 * destination would not take is revoked) and the owner and admins are told.
 */
export async function rotate(
  credential: Credential,
  state: CredentialState,
  desk: TaskDesk | undefined,
  { rules, record }: { rules: EventRules; record: AuditRecorder },
): Promise<Rotation> {
  const { request } = credential;
  const generation = credential.current.generation + 1;
  const generationId = `${credential.credentialId}-g${generation}`;
  state.status = 'rotating';
  const made = await runPlaybook(request.playbooks.provision, subjectFor(request, generationId), {
    verify: ROTATE_VERIFY,
    request,
    desk,
  }).catch((error: unknown) => ({
    ok: false as const,
    detail: failureReason(error),
    subject: subjectFor(request, generationId),
  }));
  state.status = 'active';
  if (!made.ok || !made.subject.secret) {
    const reason = made.ok ? 'the vendor steps produced no key' : made.detail;
    await Promise.all([
      slack.notify(request.requester.userId, { kind: 'rotation_failed', request, reason }),
      slack.alertAdmins(
        request,
        `rotation of request \`${request.requestId}\` failed (${reason}); the current key stays in place.`,
      ),
    ]);
    return { ok: false };
  }
  const next: KeyGeneration = {
    generationId,
    generation,
    ref: made.subject.ref,
    secret: made.subject.secret,
    deliveredAt: new Date().toISOString(),
    ...(made.expiresAt ? { vendorExpiresAt: made.expiresAt } : {}),
    offered: false,
    revealed: false,
  };
  const handed = request.destination ? await handOver(credential, next, record) : undefined;
  if (handed && !handed.ok) {
    await revokeKey(credential, next, desk);
    await reportHandoverFailure(credential, handed.reason, true);
    return { ok: false };
  }
  const overlapEndsAt = new Date(Date.now() + request.policy.lifecycle.rotationOverlapMs).toISOString();
  credential.retiring.push({ ...credential.current, revokeAt: overlapEndsAt });
  credential.current = next;
  credential.remindedAt = [];
  delete credential.consumerCheckedAt;
  if (!request.destination) await offerCurrentKey(credential, rules);
  await slack.notify(request.requester.userId, { kind: 'rotated', request, overlapEndsAt });
  return { ok: true, ...(handed?.acknowledged ? { acknowledged: handed.detail } : {}) };
}

/**
 * Whether the current key still works at the vendor, probed with the revoke playbook's own "is it refused?"
 * check. A vendor outage counts as working: only a clear refusal closes a credential.
 */
export async function stillWorks(credential: Credential): Promise<boolean> {
  const { request, current } = credential;
  const probe = [...request.playbooks.revoke].reverse().find((step) => step.kind === 'verify');
  if (!probe || probe.kind !== 'verify') return true;
  try {
    const refused = await vendorActivities(request.vendor.key).vendorVerify(
      probe.check,
      subjectFor(request, current.generationId, current.ref, current.secret),
    );
    return !refused.ok;
  } catch {
    return true;
  }
}

/** The key was removed at the vendor by hand: retire what is left and tell the owner and the admins. */
export async function closeRemovedAtVendor(
  credential: Credential,
  state: CredentialState,
  desk: TaskDesk | undefined,
): Promise<void> {
  const { request } = credential;
  state.status = 'revoking';
  for (const key of credential.retiring) await revokeKey(credential, key, desk);
  credential.retiring = [];
  state.revokedAt = new Date().toISOString();
  state.status = 'revoked';
  await Promise.all([
    slack.notify(request.requester.userId, { kind: 'removed_at_vendor', request }),
    slack.alertAdmins(
      request,
      `the ${request.vendor.displayName} key from request \`${request.requestId}\` was removed at the vendor outside Keywarden; the credential is closed.`,
    ),
  ]);
}

/** Histories from before it sent the "key is ready" DM from inside the offer step; they replay that way. */
const SEPARATE_DELIVERY_NOTICE_PATCH = 'separate-delivery-notice';

/** Offers the current key for its one-time reveal (once per generation, even across continue-as-new). */
export async function offerCurrentKey(credential: Credential, rules: EventRules): Promise<void> {
  const { current, request } = credential;
  if (current.offered) return;
  const revealBy = Math.min(revealDeadline(credential, rules) ?? Infinity, Date.parse(credential.expiresAt));
  const separateNotice = patched(SEPARATE_DELIVERY_NOTICE_PATCH);
  const delivery = {
    credentialId: credential.credentialId,
    generationId: current.generationId,
    request,
    expiresAt: credential.expiresAt,
    revealBy: new Date(revealBy).toISOString(),
    ...(separateNotice ? { noticeSeparately: true } : {}),
  };
  const channel = await slack.deliverCredential(delivery);
  current.offered = true;
  if (separateNotice && channel === 'request_channel') await slack.noticeDelivery(delivery);
}
