/**
 * The remote codec endpoint for the Temporal Web UI (`POST /decode`, `POST /encode`), so operators can read
 * workflow payloads there. Sealed secrets stay sealed inside decoded payloads: this endpoint holds only the
 * HKDF-derived codec keys, never the sealing keys. Listens on loopback only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

async function readJson(req: IncomingMessage): Promise<{ payloads?: JsonPayload[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { payloads?: JsonPayload[] };
}

export interface CodecServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the endpoint on `host:port` (loopback unless a container publishes it); `allowedOrigin` is the Web UI's
 * origin, since browsers call the codec from the UI page.
 */
export async function startCodecServer(
  codec: PayloadCodec,
  where: { host: string; port: number },
  allowedOrigin: string,
): Promise<CodecServer> {
  const cors = {
    'access-control-allow-origin': allowedOrigin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, x-namespace, authorization',
    'access-control-allow-credentials': 'true',
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const route = req.url?.split('?')[0];
    if (req.method !== 'POST' || (route !== '/decode' && route !== '/encode'))
      return void res.writeHead(404, cors).end();
    try {
      const payloads = ((await readJson(req)).payloads ?? []).map(fromJson);
      const result = route === '/decode' ? await codec.decode(payloads) : await codec.encode(payloads);
      res
        .writeHead(200, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify({ payloads: result.map(toJson) }));
    } catch {
      res
        .writeHead(400, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'cannot decode these payloads' }));
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(where.port, where.host, resolve));
  return {
    url: `http://${where.host === '0.0.0.0' ? '127.0.0.1' : where.host}:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
