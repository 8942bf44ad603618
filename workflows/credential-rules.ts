/**
 * The credential's rules as pure functions: who may reveal or act on it, what the policy allows, and which
 * durable timer comes next. The workflow's validators and its event loop share them.
 */
import { formatDuration } from './duration';
import type { Credential, CredentialAction, RevealRequest } from './types';

export function refuseReveal(credential: Credential, reveal: RevealRequest, closed: boolean): string | undefined {
  if (reveal.userId !== credential.request.requester.userId) return 'Only the requester can reveal this key.';
  if (credential.request.destination)
    return `This key is delivered to ${credential.request.destination.describe}; it is never shown to a person.`;
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
  | { kind: 'consumer_check'; at: number }
  | { kind: 'reminder'; at: number }
  | { kind: 'rotation'; at: number }
  | { kind: 'liveness'; at: number }
  | { kind: 'expiry'; at: number };

/** How this run of the workflow plans its timers; each flag is a `patched()` change, off when replaying older runs. */
export interface EventRules {
  /** A rotated key's reveal deadline never falls before the old keys' overlap ends (issue 11, point 4). */
  revealAfterOverlap: boolean;
}

const OLD_RULES: EventRules = { revealAfterOverlap: false };

/**
 * When the current key, if nobody reveals it, is revoked unseen: `reveal_within` after delivery; for a rotated key
 * under `revealAfterOverlap`, not before the last old key's overlap ends, so an unrevealed new key never takes the
 * old one down early. Undefined for keys handed to a destination or already revealed.
 */
export function revealDeadline(credential: Credential, rules: EventRules): number | undefined {
  const { current, request } = credential;
  if (current.revealed || request.destination) return undefined;
  const deadline = Date.parse(current.deliveredAt) + request.policy.revealWithinMs;
  if (!rules.revealAfterOverlap || current.generation === 1) return deadline;
  return Math.max(deadline, ...credential.retiring.map((key) => Date.parse(key.revokeAt)));
}

/** The next thing due, earliest first (ties: the earlier candidate); expiry is always one, so there always is one. */
export function nextEvent(credential: Credential, rules: EventRules = OLD_RULES): CredentialEvent {
  const { lifecycle } = credential.request.policy;
  const expiry = Date.parse(credential.expiresAt);
  const delivered = Date.parse(credential.current.deliveredAt);
  const candidates: CredentialEvent[] = [{ kind: 'expiry', at: expiry }];
  const revealBy = revealDeadline(credential, rules);
  // Under revealAfterOverlap the deadline follows the retirements, so on a tie the old keys are retired first.
  if (revealBy !== undefined && !rules.revealAfterOverlap) candidates.push({ kind: 'reveal_deadline', at: revealBy });
  for (const key of credential.retiring)
    candidates.push({ kind: 'retire', at: Date.parse(key.revokeAt), generationId: key.generationId });
  if (revealBy !== undefined && rules.revealAfterOverlap) candidates.push({ kind: 'reveal_deadline', at: revealBy });
  const consumerCheck = nextConsumerCheck(credential);
  if (consumerCheck !== undefined) candidates.push({ kind: 'consumer_check', at: consumerCheck });
  if (!credential.remindersOff) {
    for (const offset of lifecycle.reminderOffsetsMs) {
      const at = expiry - offset;
      if (at > delivered && !credential.remindedAt.includes(new Date(at).toISOString()))
        candidates.push({ kind: 'reminder', at });
    }
  }
  const checked = Date.parse(credential.checkedAt ?? credential.current.deliveredAt);
  candidates.push({ kind: 'liveness', at: checked + lifecycle.livenessCheckMs });
  const handedOn = credential.current.revealed || credential.current.handedOverAt !== undefined;
  if (lifecycle.rotationPeriodMs && handedOn && delivered + lifecycle.rotationPeriodMs < expiry) {
    candidates.push({ kind: 'rotation', at: delivered + lifecycle.rotationPeriodMs });
  }
  return candidates.reduce((a, b) => (b.at < a.at ? b : a));
}

/** Requests made before `consumer_check_every` existed carry none (and, having no destination, never need it). */
const DEFAULT_CONSUMER_CHECK_MS = 5 * 60_000;

/**
 * While an old key of a destination credential waits for its consumer to switch, the vendor is asked when the new
 * key was last used, every `consumer_check_every`, until the overlap ends (or the vendor says it cannot tell).
 */
function nextConsumerCheck(credential: Credential): number | undefined {
  const { current, request } = credential;
  if (!request.destination || credential.vendorShowsUse === false || !current.handedOverAt) return undefined;
  const waiting = credential.retiring.filter((key) => !key.consumerSwitchedAt);
  if (waiting.length === 0) return undefined;
  const every = request.policy.lifecycle.consumerCheckMs ?? DEFAULT_CONSUMER_CHECK_MS;
  const at = Date.parse(credential.consumerCheckedAt ?? current.handedOverAt) + every;
  return at < Math.min(...waiting.map((key) => Date.parse(key.revokeAt))) ? at : undefined;
}
