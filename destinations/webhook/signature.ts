/**
 * The webhook's signature, Slack-style: `v0=` + hex HMAC-SHA256 of `v0:<unix seconds>:<raw body>` under the
 * shared signing secret, with the timestamp in its own header so a consumer can refuse stale or replayed calls.
 * Consumers verify it exactly as Keywarden's own Slack endpoint verifies Slack.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-keywarden-signature';
export const TIMESTAMP_HEADER = 'x-keywarden-request-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** How old a signed call a consumer should still accept. */
export const MAX_SKEW_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What a consumer checks: the signature matches and the timestamp is within five minutes of its clock. */
export function verifySignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
