/**
 * The credential's rules as pure functions: who may reveal or act on it, what the policy allows, and which
 * durable timer comes next. The workflow's validators and its event loop share them.
 */
import { formatDuration } from './duration';
import type { Credential, CredentialAction, RevealRequest } from './types';

export function refuseReveal(credential: Credential, reveal: RevealRequest, closed: boolean): string | undefined {
  if (reveal.userId !== credential.request.requester.userId) return 'Only the requester can reveal this key.';
  if (closed) return 'This key is no longer available; request a new one.';
  if (reveal.generationId !== credential.current.generationId)
    return 'This key has been replaced by a newer one; reveal that one instead.';
  if (credential.current.revealed) {
    return 'This key was already revealed; Keywarden shows it only once. If it is lost, revoke it and request a new one.';
  }
  return undefined;
}

export function refuseAction(credential: Credential, action: CredentialAction, closed: boolean): string | undefined {
  const { request } = credential;
  const owner = action.userId === request.requester.userId;
  if (!owner && !request.policy.admins.includes(action.userId))
    return 'Only the owner of this key or a Keywarden admin can do that.';
  if (closed) return 'This key has already been revoked.';
  if (action.kind !== 'extend') return undefined;
  const by = action.extendByMs ?? 0;
  if (by <= 0) return 'Say how much longer, e.g. 7d.';
  const limit = Date.parse(credential.firstDeliveredAt) + request.policy.lifecycle.maxTtlMs;
  if (Date.parse(credential.expiresAt) + by > limit) {
    return `That would pass the maximum access of ${formatDuration(request.policy.lifecycle.maxTtlMs)} from first delivery (until ${new Date(limit).toISOString()}).`;
  }
  const vendorLimit = credential.current.vendorExpiresAt;
  if (vendorLimit && Date.parse(credential.expiresAt) + by > Date.parse(vendorLimit)) {
    return `The ${request.vendor.displayName} key itself expires at ${vendorLimit}; rotate it instead of extending.`;
  }
  return undefined;
}

export type CredentialEvent =
  | { kind: 'reveal_deadline'; at: number }
  | { kind: 'retire'; at: number; generationId: string }
  | { kind: 'reminder'; at: number }
  | { kind: 'rotation'; at: number }
  | { kind: 'liveness'; at: number }
  | { kind: 'expiry'; at: number };

/** The next thing due, earliest first; expiry is always a candidate, so there always is one. */
export function nextEvent(credential: Credential): CredentialEvent {
  const { lifecycle, revealWithinMs } = credential.request.policy;
  const expiry = Date.parse(credential.expiresAt);
  const delivered = Date.parse(credential.current.deliveredAt);
  const candidates: CredentialEvent[] = [{ kind: 'expiry', at: expiry }];
  if (!credential.current.revealed) candidates.push({ kind: 'reveal_deadline', at: delivered + revealWithinMs });
  for (const key of credential.retiring)
    candidates.push({ kind: 'retire', at: Date.parse(key.revokeAt), generationId: key.generationId });
  if (!credential.remindersOff) {
    for (const offset of lifecycle.reminderOffsetsMs) {
      const at = expiry - offset;
      if (at > delivered && !credential.remindedAt.includes(new Date(at).toISOString()))
        candidates.push({ kind: 'reminder', at });
    }
  }
  const checked = Date.parse(credential.checkedAt ?? credential.current.deliveredAt);
  candidates.push({ kind: 'liveness', at: checked + lifecycle.livenessCheckMs });
  if (lifecycle.rotationPeriodMs && credential.current.revealed && delivered + lifecycle.rotationPeriodMs < expiry) {
    candidates.push({ kind: 'rotation', at: delivered + lifecycle.rotationPeriodMs });
  }
  return candidates.reduce((a, b) => (b.at < a.at ? b : a));
}
