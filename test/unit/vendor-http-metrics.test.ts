/** Vendor calls are observed at the dispatcher: vendor, method, status and duration, including calls that fail. */
import { request } from 'undici';
import { FakeHttpServer } from '../../vendors/fake-kit/server';
import { meteredDispatcher, type VendorCall } from '../../vendors/http-metrics';

let server: FakeHttpServer;
let url: string;
const seen: VendorCall[] = [];
const dispatcher = meteredDispatcher('acme', (call) => seen.push(call));

beforeAll(async () => {
  server = new FakeHttpServer(() => ({ status: 404, body: { message: 'no such route' } }));
  server.on('GET', '/ok', () => ({ status: 200, body: { ok: true } }));
  url = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => (seen.length = 0));

test('each answered call is reported once with its status, whatever the status', async () => {
  const ok = await request(`${url}/ok`, { dispatcher });
  expect(await ok.body.json()).toEqual({ ok: true });
  const missing = await request(`${url}/missing`, { method: 'DELETE', dispatcher });
  await missing.body.dump();
  expect(seen.map(({ vendor, method, status }) => ({ vendor, method, status }))).toEqual([
    { vendor: 'acme', method: 'GET', status: 200 },
    { vendor: 'acme', method: 'DELETE', status: 404 },
  ]);
  expect(seen.every((call) => call.seconds >= 0 && call.seconds < 60)).toBe(true);
});

test('a call that gets no answer is reported with status 0', async () => {
  server.inject({ path: '/ok', hang: true });
  await expect(request(`${url}/ok`, { dispatcher, headersTimeout: 200 })).rejects.toThrow();
  expect(seen).toEqual([expect.objectContaining({ vendor: 'acme', method: 'GET', status: 0 })]);
});
