/**
 * JSON over HTTP for vendor clients: undici with timeouts, bodies parsed with zod, failures coded as
 * `VendorError` by a vendor-specific reader of error bodies.
 */
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { codeForStatus, parseRetryAfter, VendorError, type VendorErrorCode } from './errors';
import { STEP_RETRIES, withStepRetries, type RetryPlan } from './http-retry';

export interface HttpOptions {
  vendor: string;
  baseUrl: string;
  dispatcher?: Dispatcher;
  /** Per-request budget; a hung vendor fails as `unavailable` rather than stalling an activity. */
  timeoutMs?: number;
  /** Reads a vendor's error body into a message; must never echo request secrets. */
  describeError: (status: number, body: unknown) => string;
  /** Retries within a step (see `http-retry.ts`); `NO_STEP_RETRIES` for a client that reads repeated faults itself. */
  retries?: RetryPlan;
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Safe to repeat after a 5xx or a lost connection: GET, PUT and DELETE are; a POST only when it reads or exchanges. */
  idempotent?: boolean;
}

export class VendorHttp {
  constructor(private readonly options: HttpOptions) {}

  /** Sends a request and parses a 2xx body with `schema`; any other status becomes a `VendorError`. */
  async json<T>(req: JsonRequest, schema: z.ZodType<T>): Promise<T> {
    const { status, body } = await this.retried(req, []);
    const parsed = schema.safeParse(body.parsed);
    if (!parsed.success) {
      throw new VendorError(
        'unexpected_response',
        `${this.options.vendor} answered ${req.method} ${req.path} with an unexpected body`,
        {
          vendor: this.options.vendor,
          status,
        },
      );
    }
    return parsed.data;
  }

  /** Sends a request whose success has no body; returns the status so callers can treat 404 as they need. */
  async status(req: JsonRequest, accept: readonly number[] = []): Promise<number> {
    return (await this.retried(req, accept)).status;
  }

  /** A 2xx or an accepted status; anything else is a `VendorError`, repeated within the step where that is safe. */
  private retried(req: JsonRequest, accept: readonly number[]) {
    const idempotent = req.idempotent ?? req.method !== 'POST';
    return withStepRetries(
      async () => {
        const answer = await this.send(req);
        const { status, body } = answer;
        if ((status >= 200 && status < 300) || accept.includes(status)) return answer;
        throw this.failure(status, body.parsed, body.headers);
      },
      idempotent,
      this.options.retries ?? STEP_RETRIES,
    );
  }

  private async send(
    req: JsonRequest,
  ): Promise<{ status: number; body: { parsed: unknown; headers: Record<string, unknown> } }> {
    const url = `${this.options.baseUrl}${req.path}`;
    const timeout = this.options.timeoutMs ?? 15_000;
    try {
      const res = await request(url, {
        method: req.method,
        headers: {
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        dispatcher: this.options.dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await res.body.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: res.statusCode, body: { parsed, headers: res.headers } };
    } catch (error) {
      throw new VendorError('unavailable', `${this.options.vendor} could not be reached (${(error as Error).name})`, {
        vendor: this.options.vendor,
      });
    }
  }

  private failure(status: number, body: unknown, headers: Record<string, unknown>): VendorError {
    const code: VendorErrorCode = codeForStatus(status);
    const retryAfterMs = status === 429 ? parseRetryAfter(headers['retry-after'] as string | undefined) : undefined;
    return new VendorError(code, `${this.options.vendor}: ${this.options.describeError(status, body)}`, {
      vendor: this.options.vendor,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
}
