/**
 * The ops endpoint every role serves, in both Slack modes, on its own port (never the Slack-facing one):
 * `GET /metrics` (Keywarden's registry followed by the Temporal SDK's own metrics), `GET /healthz` (the process
 * answers) and `GET /readyz` (Temporal reachable and Slack authenticated; 503 with the reasons otherwise).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import type { KeywardenMetrics } from './metrics';
import type { Readiness } from './readiness';

export interface OpsServerOptions {
  host: string;
  port: number;
  metrics: KeywardenMetrics;
  readiness: Readiness;
  /** The Temporal SDK runtime's Prometheus endpoint, when the runtime serves one. */
  sdkMetricsUrl?: string;
}

export interface OpsServer {
  url: string;
  stop(): Promise<void>;
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    const answer = req.method !== 'GET' ? Promise.resolve(notAllowed()) : route(path, options);
    void answer
      .catch((error: unknown) => ({ status: 500, type: 'text/plain', body: `error: ${(error as Error).message}\n` }))
      .then(({ status, type, body }) => res.writeHead(status, { 'content-type': type }).end(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function route(path: string, options: OpsServerOptions): Promise<Answer> {
  switch (path) {
    case '/healthz':
      return { status: 200, type: 'text/plain', body: 'ok\n' };
    case '/readyz': {
      const checks = await options.readiness();
      const ready = checks.every((check) => check.ok);
      return { status: ready ? 200 : 503, type: 'application/json', body: `${JSON.stringify({ ready, checks })}\n` };
    }
    case '/metrics': {
      const own = await options.metrics.registry.metrics();
      const sdk = options.sdkMetricsUrl ? await sdkMetrics(options.sdkMetricsUrl) : '';
      return { status: 200, type: options.metrics.registry.contentType, body: `${own}\n${sdk}` };
    }
    default:
      return { status: 404, type: 'text/plain', body: 'not found: try /metrics, /healthz or /readyz\n' };
  }
}

function notAllowed(): Answer {
  return { status: 405, type: 'text/plain', body: 'only GET\n' };
}

/** The SDK's exposition text; a comment instead when it cannot be read, so Keywarden's own metrics still go out. */
async function sdkMetrics(url: string): Promise<string> {
  try {
    const res = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
    const text = await res.body.text();
    return res.statusCode === 200 ? text : `# Temporal SDK metrics unavailable (HTTP ${res.statusCode})\n`;
  } catch (error) {
    return `# Temporal SDK metrics unavailable (${(error as Error).message})\n`;
  }
}
