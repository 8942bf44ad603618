/**
 * Destination failures, coded once at the destination edge. `activities/failures.ts` turns a code into Temporal
 * retry behaviour (`Destination.<code>`); tests assert on `code`, never on `instanceof`.
 */
export type DestinationErrorCode =
  | 'refused' // the destination answered that it will not take the key (4xx other than 429): retrying cannot help
  | 'misconfigured' // the destination is not set up as configured (a missing secret, a wrong region)
  | 'rate_limited' // 429 or throttling; retry after `retryAfterMs`
  | 'unavailable' // 5xx, timeouts, connection failures
  | 'unexpected_response'; // an answer we could not read

const RETRYABLE: ReadonlySet<DestinationErrorCode> = new Set(['rate_limited', 'unavailable', 'unexpected_response']);

export class DestinationError extends Error {
  constructor(
    readonly code: DestinationErrorCode,
    message: string,
    readonly details: { destination: string; status?: number; retryAfterMs?: number },
  ) {
    super(message);
    this.name = 'DestinationError';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}
