/**
 * The ops endpoint of real processes: `/metrics` moves as a request goes through (Keywarden's counters and the
 * Temporal SDK's own), and `/readyz` fails when the Temporal server stops and recovers when it returns.
 */
import { homedir, tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { freeLoopbackPort } from '../../server/free-port';
import { createLogger } from '../../server/logger';
import { startEmbeddedTemporal, type TemporalServer } from '../../server/temporal/dev-server';
import { approvalMessage, REQUESTER } from '../support/flows';
import { startAll, startKeywarden, type KeywardenProcess } from '../support/processes';
import { SignedSlackClient } from '../support/slack-client';
import { SIGNING_SECRET, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
const processes: KeywardenProcess[] = [];

beforeAll(async () => {
  stack = await startStack();
  await stack.stopWorker();
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await stack?.stop();
});

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await request(url);
  return { status: res.statusCode, text: await res.body.text() };
}

/** A metric's value in Prometheus text, or 0 when the series is not there yet. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

test('/metrics counts a request from command to delivery, beside the Temporal SDK metrics', async () => {
  const [worker, bot] = await startAll([
    { role: 'worker', env: stack.env },
    { role: 'bot', env: stack.env },
  ]);
  if (!worker || !bot) throw new Error('both processes');
  processes.push(worker, bot);
  const before = (await get(`${worker.opsUrl}/metrics`)).text;
  const delivered = 'keywarden_requests_total{vendor="vectra",outcome="delivered"}';
  expect(value(before, delivered)).toBe(0);

  const slack = new SignedSlackClient(bot.slackUrl ?? '', SIGNING_SECRET, stack.slack);
  const res = await slack.command(REQUESTER, 'request vectra role=readonly ttl=1h purpose="metrics"');
  const id = /Request `([a-z0-9]+)`/.exec(String(res.json().text))?.[1] ?? '';
  await slack.click('UALICE', await approvalMessage(stack, id), 'Approve');

  const after = await eventually(async () => {
    const text = (await get(`${worker.opsUrl}/metrics`)).text;
    return value(text, delivered) === 1 && text;
  }, 'the delivery counted');
  expect(value(after, 'keywarden_requests_total{vendor="vectra",outcome="submitted"}')).toBe(1);
  expect(value(after, 'keywarden_requests_total{vendor="vectra",outcome="approved"}')).toBe(1);
  expect(value(after, 'keywarden_approval_wait_seconds_count{vendor="vectra"}')).toBe(1);
  expect(value(after, 'keywarden_time_to_delivery_seconds_count{vendor="vectra"}')).toBe(1);
  expect(value(after, 'keywarden_vendor_calls_total{vendor="vectra",method="POST",status="201"}')).toBe(1);
  expect(value(after, 'keywarden_vendor_call_duration_seconds_count{vendor="vectra"}')).toBeGreaterThan(2);
  // The SDK's own metrics follow Keywarden's, from the same endpoint.
  expect(after).toMatch(/^temporal_\w+/m);
  expect((await get(`${bot.opsUrl}/healthz`)).text).toBe('ok\n');
  expect((await get(`${bot.opsUrl}/readyz`)).status).toBe(200);
}, 180_000);

test('/readyz fails while the Temporal server is down and recovers when it returns', async () => {
  const logger = createLogger('warn');
  const port = await freeLoopbackPort();
  const dbFile = join(await mkdtemp(join(tmpdir(), 'kw-readyz-')), 'temporal.sqlite');
  const lookup = {
    explicitPath: process.env.KEYWARDEN_TEMPORAL_CLI,
    searchPath: process.env.PATH,
    cacheDir: join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keywarden'),
    toolEnv: process.env,
  };
  const startServer = () => startEmbeddedTemporal(lookup, { port, namespace: 'default', dbFile, logger });
  let server: TemporalServer | undefined = await startServer();
  try {
    const bot = await startKeywarden('bot', { ...stack.env, TEMPORAL_ADDRESS: server.address });
    processes.push(bot);
    const ready = async () => (await get(`${bot.opsUrl}/readyz`)).status;
    expect(await ready()).toBe(200);

    await server.stop();
    server = undefined;
    const down = await eventually(async () => {
      const answer = await get(`${bot.opsUrl}/readyz`);
      return answer.status === 503 && answer;
    }, 'not ready without Temporal');
    expect(JSON.parse(down.text)).toMatchObject({
      ready: false,
      checks: [
        expect.objectContaining({ name: 'temporal', ok: false }),
        expect.objectContaining({ name: 'slack', ok: true }),
      ],
    });
    expect((await get(`${bot.opsUrl}/healthz`)).status).toBe(200);

    server = await startServer();
    await eventually(async () => (await ready()) === 200, 'ready again', 60_000);
  } finally {
    await server?.stop();
  }
}, 180_000);
