/**
 * Retries inside one vendor step, for answers that say "not now" rather than "no": a 429 whose `Retry-After` is
 * short, and, for requests that are safe to repeat, a 5xx or a connection failure. Without it a step of several
 * calls fails whenever any one call meets a passing fault, and Temporal's backoff (seconds doubling to minutes)
 * turns a few flaky answers into a request that takes many minutes (found by the chaos suite's R3). Anything longer
 * or non-idempotent is left to the activity's retry policy, which honours `retryAfterMs`.
 */
import { VendorError } from './errors';

export interface RetryPlan {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before the second attempt; doubled for each one after. */
  firstPauseMs: number;
  /** The longest `Retry-After` waited out in place; a longer one is handed to Temporal. */
  maxRetryAfterMs: number;
}

export const STEP_RETRIES: RetryPlan = { attempts: 3, firstPauseMs: 250, maxRetryAfterMs: 5_000 };

/** For a client that reads repeated faults itself (N-central's persistent 500 means an expired password). */
export const NO_STEP_RETRIES: RetryPlan = { attempts: 1, firstPauseMs: 0, maxRetryAfterMs: 0 };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `send` until it succeeds, fails in a way not worth repeating here, or runs out of attempts. `idempotent`
 * says whether the request may be repeated after a 5xx or a lost connection (it may have been carried out); a 429
 * is repeated for any request, since the vendor refused it before doing anything.
 */
export async function withStepRetries<T>(send: () => Promise<T>, idempotent: boolean, plan = STEP_RETRIES): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const wait = attempt < plan.attempts ? retryPause(error, idempotent, attempt, plan) : undefined;
      if (wait === undefined) throw error;
      await pause(wait);
    }
  }
}

function retryPause(error: unknown, idempotent: boolean, attempt: number, plan: RetryPlan): number | undefined {
  if (!(error instanceof VendorError)) return undefined;
  if (error.code === 'rate_limited') {
    // Without a Retry-After the vendor's own pace is unknown: the activity's documented back-off applies.
    const retryAfterMs = error.details.retryAfterMs;
    return retryAfterMs !== undefined && retryAfterMs <= plan.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  if (error.code === 'unavailable' && idempotent) return plan.firstPauseMs * 2 ** (attempt - 1);
  return undefined;
}
