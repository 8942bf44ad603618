/**
 * A tiny HTTP server for vendor fakes: routing, JSON bodies, a call log, and injected faults (latency, 5xx,
 * 429 with Retry-After, hung requests) for reliability tests. Fakes run on loopback for tests and sandboxes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of `body` (an HTML page, a plain-text error); set its content-type in `headers`. */
  raw?: string;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface Fault {
  method?: string;
  /** Matches the request path: a prefix string or a regular expression. */
  path?: string | RegExp;
  /** How many matching requests it affects (default 1). */
  times?: number;
  delayMs?: number;
  /** Answer with this instead of the real handler (after any delay). */
  respond?: FakeResponse;
  /** Never answer; the client must time out. */
  hang?: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeHandler;
}

export class FakeHttpServer {
  /** Requests as they arrive (before any injected delay), so tests can act while one is in flight. */
  readonly received: Array<{ method: string; path: string; at: number }> = [];
  /** Requests refused by `limitRate`, as they arrived. */
  readonly overLimit: Array<{ method: string; path: string; at: number }> = [];
  /** Requests as they were answered. */
  readonly calls: RecordedCall[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: Array<Fault & { remaining: number }> = [];
  /**
   * Consulted for every request no queued fault matched (chaos runs: random 5xx, 429 and hangs); it sees the whole
   * request, so it can also keep its own log of when each arrived.
   */
  rule: ((request: FakeRequest) => Fault | undefined) | undefined;
  private readonly hung = new Set<ServerResponse>();
  private server: Server | undefined;
  private rate: { perSecond: number; second: number; count: number } | undefined;

  constructor(private readonly notFound: (request: FakeRequest) => FakeResponse) {}

  /** Registers a handler for `METHOD /path/:param`. */
  on(method: string, path: string, handler: FakeHandler): this {
    const names: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /**
   * Behaves like a vendor limited to `perSecond` calls in each clock second: calls beyond it are answered 429 with
   * `Retry-After: 1` and recorded in `overLimit` (benchmarks prove a storm stays under the limit).
   */
  limitRate(perSecond: number): void {
    this.rate = { perSecond, second: 0, count: 0 };
  }

  private overRate(at: number): boolean {
    if (!this.rate) return false;
    const second = Math.floor(at / 1000);
    if (second !== this.rate.second) this.rate = { ...this.rate, second, count: 0 };
    this.rate.count += 1;
    return this.rate.count > this.rate.perSecond;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    const at = Date.now();
    this.received.push({ method: request.method, path: request.path, at });
    if (this.overRate(at)) {
      this.overLimit.push({ method: request.method, path: request.path, at });
      this.calls.push({ method: request.method, path: request.path, status: 429 });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ message: 'rate limit exceeded' }));
      return;
    }
    const fault = this.takeFault(request);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) {
      this.hung.add(res);
      return;
    }
    let response: FakeResponse;
    try {
      response = fault?.respond ?? (await this.dispatch(request));
    } catch (error) {
      response = { status: 500, body: { message: `fake crashed: ${(error as Error).message}` } };
    }
    this.calls.push({ method: request.method, path: request.path, status: response.status });
    const body = response.raw ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    res.writeHead(response.status, {
      ...(body && response.raw === undefined ? { 'content-type': 'application/json' } : {}),
      ...response.headers,
    });
    res.end(body);
  }

  private dispatch(request: FakeRequest): FakeResponse | Promise<FakeResponse> {
    for (const route of this.routes) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null;
      if (!match) continue;
      route.names.forEach((name, i) => (request.params[name] = decodeURIComponent(match[i + 1] ?? '')));
      return route.handler(request);
    }
    return this.notFound(request);
  }

  private takeFault(request: FakeRequest): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (!f.method || f.method === request.method) &&
        (!f.path || (typeof f.path === 'string' ? request.path.startsWith(f.path) : f.path.test(request.path))),
    );
    const fault = this.faults[index];
    if (!fault) return this.rule?.(request);
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  let json: unknown;
  try {
    json = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    rawBody,
    json,
    params: {},
  };
}

/** The bearer token of a request, or undefined. */
export function bearerToken(request: FakeRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
