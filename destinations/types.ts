/**
 * The port every destination implements: where a machine consumer picks up its key (a signed webhook, a secret
 * manager). The workflows never see destination code; they call the `deliverToDestination` activity, which opens
 * the sealed secret only to hand it over.
 */
import type { SecretText } from '../secrets/secret-text';

/** One key generation to hand over. Identifiers only, apart from the secret itself. */
export interface GenerationHandover {
  credentialId: string;
  /** `<credentialId>` first, then `<credentialId>-g<n>` after rotations. */
  generationId: string;
  generation: number;
  /** The same for every attempt at this generation, different for every generation (see `idempotencyKeyFor`). */
  idempotencyKey: string;
  vendor: { key: string; displayName: string };
  role: string;
  requestId: string;
  expiresAt: string;
  secret: SecretText;
}

/** What the destination said; never holds the secret. */
export interface HandoverReceipt {
  /** The consumer confirmed it now uses this generation (a webhook's acknowledgement naming it). */
  acknowledged: boolean;
  /** One line for the timeline, e.g. "AWSCURRENT is version keywarden-key-generation-…". */
  detail: string;
}

/**
 * A configured destination.
 *
 * `deliver` must be idempotent per `idempotencyKey`: it runs at least once (Temporal retries it), so a retry after
 * a crash or a lost answer must leave the destination as one successful call would (the webhook sends the same
 * key in an `Idempotency-Key` header; Secrets Manager uses it as the version's `ClientRequestToken`). Generations
 * are delivered in order, one at a time, by the credential's workflow; a later generation replaces an earlier one.
 *
 * Failures are thrown as `DestinationError`: `unavailable` and `rate_limited` are retried with backoff, `refused`
 * and `misconfigured` are not (the credential's owner and the admins are told, and a key that could not be
 * delivered is revoked).
 */
export interface DestinationAdapter {
  readonly key: string;
  readonly type: string;
  /** "Webhook https://siem.example.com/keywarden", as approvers and owners are shown it. */
  readonly describe: string;
  deliver(handover: GenerationHandover): Promise<HandoverReceipt>;
}

/**
 * The idempotency key of one generation: stable across retries, unique per generation, 32 to 64 characters (what
 * Secrets Manager's `ClientRequestToken` takes). Generation ids never hold `_`, so padding cannot collide.
 */
export function idempotencyKeyFor(generationId: string): string {
  return `keywarden-key-generation-${generationId}`.padEnd(32, '_');
}
