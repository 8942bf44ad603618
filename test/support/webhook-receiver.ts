/**
 * A machine consumer of Keywarden's webhook destination, on loopback: it checks each call's signature and
 * timestamp as a consumer would (its own HMAC, written here from the documented scheme, not Keywarden's code),
 * keeps the first delivery per idempotency key, and answers as told: acknowledge the generation (it switched to
 * the key), accept without acknowledging (it never switches), fail the next calls (it is down), or refuse.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedKey {
  generationId: string;
  generation: number;
  idempotencyKey: string;
  secret: string;
  body: Record<string, unknown>;
}

export interface ReceivedCall {
  verified: boolean;
  idempotencyKey?: string;
  status: number;
}

export class WebhookReceiver {
  /** Every call, verified or not, with the status it was answered. */
  readonly calls: ReceivedCall[] = [];
  /** The keys it accepted, once per idempotency key, in order. */
  readonly keys: ReceivedKey[] = [];
  /** Acknowledge each generation (the consumer switched to it); false: accept but never switch. */
  acknowledge = true;
  /** Answer the next this many verified calls with 503, as a consumer that is down. */
  failNext = 0;
  /** Refuse every verified call with this status (e.g. 403: the consumer will not take keys for this credential). */
  refuseWith: number | undefined;
  private server?: Server;

  constructor(private readonly signingSecret: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const { status, body } = this.answer(req, raw);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/keywarden`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The newest key it holds: what the consumer uses now. */
  get current(): ReceivedKey | undefined {
    return this.keys.at(-1);
  }

  private answer(req: IncomingMessage, raw: string): { status: number; body: unknown } {
    const idempotencyKey = header(req, 'idempotency-key');
    const verified = this.verify(
      header(req, 'x-keywarden-signature'),
      header(req, 'x-keywarden-request-timestamp'),
      raw,
    );
    const reply = (status: number, body: unknown) => {
      this.calls.push({ verified, status, ...(idempotencyKey ? { idempotencyKey } : {}) });
      return { status, body };
    };
    if (!verified) return reply(401, { error: 'bad signature' });
    if (this.refuseWith) return reply(this.refuseWith, { error: 'not accepting keys' });
    if (this.failNext > 0) {
      this.failNext--;
      return reply(503, { error: 'down for maintenance' });
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    if (!this.keys.some((k) => k.idempotencyKey === idempotencyKey)) {
      this.keys.push({
        generationId: String(body.generation_id),
        generation: Number(body.generation),
        idempotencyKey: String(idempotencyKey),
        secret: String(body.secret),
        body,
      });
    }
    return reply(200, this.acknowledge ? { acknowledged: body.generation_id } : { received: true });
  }

  private verify(signature: string | undefined, timestamp: string | undefined, raw: string): boolean {
    if (!signature || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
    const expected = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
    return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
