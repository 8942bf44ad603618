/**
 * JSON over HTTP for vendor clients: undici with timeouts, bodies parsed with zod, failures coded as
 * `VendorError` by a vendor-specific reader of error bodies.
 */
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { codeForStatus, parseRetryAfter, VendorError, type VendorErrorCode } from './errors';

export interface HttpOptions {
  vendor: string;
  baseUrl: string;
  dispatcher?: Dispatcher;
  /** Per-request budget; a hung vendor fails as `unavailable` rather than stalling an activity. */
  timeoutMs?: number;
  /** Reads a vendor's error body into a message; must never echo request secrets. */
  describeError: (status: number, body: unknown) => string;
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export class VendorHttp {
  constructor(private readonly options: HttpOptions) {}

  /** Sends a request and parses a 2xx body with `schema`; any other status becomes a `VendorError`. */
  async json<T>(req: JsonRequest, schema: z.ZodType<T>): Promise<T> {
    const { status, body } = await this.send(req);
    if (status < 200 || status >= 300) throw this.failure(status, body.parsed, body.headers);
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
    const { status, body } = await this.send(req);
    if ((status >= 200 && status < 300) || accept.includes(status)) return status;
    throw this.failure(status, body.parsed, body.headers);
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
