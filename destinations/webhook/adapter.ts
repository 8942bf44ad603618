/**
 * The webhook destination: each generation is POSTed as JSON to the consumer, signed (see `signature.ts`) and
 * carrying the generation's idempotency key, so a consumer that sees the same key twice keeps the first. The
 * consumer answers 2xx; a body `{"acknowledged": "<generation id>"}` says it now uses that key, which lets a
 * rotation retire the old key without waiting out the overlap. The body is built and signed here and never logged.
 */
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { DestinationError } from '../errors';
import type { DestinationAdapter, GenerationHandover, HandoverReceipt } from '../types';
import type { WebhookConnection } from './config';
import { IDEMPOTENCY_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

const TIMEOUT_MS = 10_000;
const ackSchema = z.object({ acknowledged: z.string().optional() }).loose();

/** What the consumer receives. Field names are the wire format; keep them stable. */
export interface WebhookBody {
  event: 'key.delivered';
  credential_id: string;
  generation_id: string;
  generation: number;
  idempotency_key: string;
  request_id: string;
  vendor: string;
  role: string;
  expires_at: string;
  secret: string;
}

export function createWebhookAdapter(key: string, connection: WebhookConnection, dispatcher?: Dispatcher) {
  const fail = (code: DestinationError['code'], message: string, status?: number, retryAfterMs?: number) =>
    new DestinationError(code, `webhook ${key}: ${message}`, {
      destination: key,
      ...(status ? { status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });

  async function post(handover: GenerationHandover): Promise<{ status: number; text: string; retryAfter?: string }> {
    const body: WebhookBody = {
      event: 'key.delivered',
      credential_id: handover.credentialId,
      generation_id: handover.generationId,
      generation: handover.generation,
      idempotency_key: handover.idempotencyKey,
      request_id: handover.requestId,
      vendor: handover.vendor.key,
      role: handover.role,
      expires_at: handover.expiresAt,
      secret: handover.secret.reveal(),
    };
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await request(connection.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(connection.signingSecret, timestamp, raw),
          [IDEMPOTENCY_HEADER]: handover.idempotencyKey,
        },
        body: raw,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        ...(dispatcher ? { dispatcher } : {}),
      });
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        text: await response.body.text(),
        ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      };
    } catch (error) {
      // The request's own error never carries the body, but its message is all a person needs.
      throw fail('unavailable', `no answer (${(error as Error).message})`);
    }
  }

  async function deliver(handover: GenerationHandover): Promise<HandoverReceipt> {
    const { status, text, retryAfter } = await post(handover);
    if (status === 429) throw fail('rate_limited', 'answered 429', status, retryAfterMs(retryAfter));
    if (status >= 500) throw fail('unavailable', `answered ${status}`, status);
    if (status < 200 || status >= 300) throw fail('refused', `refused the key with ${status}`, status);
    const ack = parseAck(text);
    const acknowledged = ack === handover.generationId;
    return {
      acknowledged,
      detail: acknowledged
        ? `the consumer at ${connection.url} acknowledged key ${handover.generationId}`
        : `delivered to ${connection.url} (answered ${status}, no acknowledgement yet)`,
    };
  }

  const adapter: DestinationAdapter = { key, type: 'webhook', describe: connection.describe, deliver };
  return adapter;
}

function parseAck(text: string): string | undefined {
  try {
    const parsed = ackSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.acknowledged : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(header: string | undefined): number | undefined {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
