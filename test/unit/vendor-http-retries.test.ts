/**
 * Retries inside a vendor step, against a real HTTP server on loopback that answers from a script.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { VendorHttp, type JsonRequest } from '../../vendors/http';
import { NO_STEP_RETRIES } from '../../vendors/http-retry';

interface Answer {
  status: number;
  headers?: Record<string, string>;
}

let server: Server;
let script: Answer[] = [];
let arrivals: { method: string; at: number }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    arrivals.push({ method: req.method ?? '', at: Date.now() });
    const answer = script.shift() ?? { status: 200 };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.status < 300 ? { ok: true } : { error: 'scripted' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  arrivals = [];
});

function http(retries?: typeof NO_STEP_RETRIES) {
  const { port } = server.address() as AddressInfo;
  return new VendorHttp({
    vendor: 'Scripted',
    baseUrl: `http://127.0.0.1:${port}`,
    describeError: (status) => `HTTP ${status}`,
    ...(retries ? { retries } : {}),
  });
}

const ok = z.object({ ok: z.literal(true) });
const get: JsonRequest = { method: 'GET', path: '/keys' };
const create: JsonRequest = { method: 'POST', path: '/keys', body: { name: 'k' } };

test('a read that meets a passing 503 is repeated within the step and succeeds', async () => {
  script = [{ status: 503 }, { status: 502 }];
  await expect(http().json(get, ok)).resolves.toEqual({ ok: true });
  expect(arrivals).toHaveLength(3);
});

test('a create is never repeated after a 503: it may have been carried out', async () => {
  script = [{ status: 503 }];
  await expect(http().json(create, ok)).rejects.toMatchObject({ code: 'unavailable' });
  expect(arrivals).toHaveLength(1);
});

test('a POST that only reads or exchanges may say it is idempotent', async () => {
  script = [{ status: 500 }];
  await expect(http().json({ ...create, idempotent: true }, ok)).resolves.toEqual({ ok: true });
  expect(arrivals).toHaveLength(2);
});

test('a 429 with a short Retry-After is waited out in place for any request, and the wait is honoured', async () => {
  script = [{ status: 429, headers: { 'retry-after': '1' } }];
  await expect(http().json(create, ok)).resolves.toEqual({ ok: true });
  expect(arrivals).toHaveLength(2);
  expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(990);
});

test('a long Retry-After, or none, is handed to the activity with the vendor error', async () => {
  script = [{ status: 429, headers: { 'retry-after': '60' } }];
  await expect(http().json(get, ok)).rejects.toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 60_000 } });
  script = [{ status: 429 }];
  await expect(http().json(get, ok)).rejects.toMatchObject({ code: 'rate_limited' });
  expect(arrivals).toHaveLength(2);
});

test('a fault that persists fails after three attempts; a refusal is never repeated', async () => {
  script = [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200 }];
  await expect(http().status(get)).rejects.toMatchObject({ code: 'unavailable' });
  expect(arrivals).toHaveLength(3);
  script = [{ status: 401 }];
  arrivals = [];
  await expect(http().status(get)).rejects.toMatchObject({ code: 'unauthorized' });
  expect(arrivals).toHaveLength(1);
});

test('a client that reads repeated faults itself can turn the retries off', async () => {
  script = [{ status: 500 }];
  await expect(http(NO_STEP_RETRIES).json(get, ok)).rejects.toMatchObject({ code: 'unavailable' });
  expect(arrivals).toHaveLength(1);
});
