/**
 * The all-in-one role owns its embedded Temporal server: the server stops by itself when the Keywarden that
 * started it is SIGKILLed (a pipe's end-of-file, `server/temporal/parent-watch.ts`) and with a clean stop; if the
 * server dies, Keywarden starts it again on the same data and `/readyz` follows; and a port held by another
 * program stops start-up with a clear message.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../server/free-port';
import { pidFileFor } from '../../server/temporal/orphans';
import { runUntilExit, startKeywarden, type KeywardenProcess } from '../support/processes';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

let stack: Stack;
const started: KeywardenProcess[] = [];

beforeAll(async () => {
  stack = await startStack();
  await stack.stopWorker();
}, 120_000);

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop('SIGKILL')));
  await stack?.stop();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The stack's environment, but with an embedded server of its own (no TEMPORAL_ADDRESS). */
async function embeddedEnv(): Promise<Record<string, string>> {
  const { TEMPORAL_ADDRESS: _shared, ...env } = stack.env;
  return {
    ...env,
    KEYWARDEN_DATA_DIR: await mkdtemp(join(tmpdir(), 'kw-embedded-')),
    KEYWARDEN_TEMPORAL_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_TEMPORAL_UI_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_CODEC_PORT: '0',
    ...(process.env.KEYWARDEN_TEMPORAL_CLI ? { KEYWARDEN_TEMPORAL_CLI: process.env.KEYWARDEN_TEMPORAL_CLI } : {}),
    ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
  };
}

const serverPid = (env: Record<string, string>) =>
  Number(readFileSync(pidFileFor(join(env.KEYWARDEN_DATA_DIR ?? '', 'temporal.sqlite')), 'utf8').trim());

test('a SIGKILLed Keywarden takes its server with it; a dead server is started again on the same data', async () => {
  const env = await embeddedEnv();
  const first = await startKeywarden('all', env);
  started.push(first);
  const firstServer = serverPid(env);
  expect(await first.stop('SIGKILL')).toBeNull();
  await eventually(() => !alive(firstServer), 'the server of the killed Keywarden to stop by itself');

  const second = await startKeywarden('all', env);
  started.push(second);
  expect(second.lines.some((l) => l.msg === 'stopping an embedded Temporal server a previous run left behind')).toBe(
    false,
  );
  const own = serverPid(env);
  process.kill(own, 'SIGKILL');
  await eventually(() => second.lines.find((l) => l.msg === 'the embedded Temporal server is back'), 'restart', 60_000);
  const restarted = serverPid(env);
  expect(restarted).not.toBe(own);
  expect(alive(restarted)).toBe(true);
  await eventually(async () => (await fetch(`${second.opsUrl}/readyz`)).status === 200, 'ready again', 30_000);

  expect(await second.stop('SIGTERM')).toBe(0);
  expect(alive(restarted)).toBe(false);
}, 180_000);

test('a port held by another program stops start-up, saying which and what to do', async () => {
  const env = await embeddedEnv();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(Number(env.KEYWARDEN_TEMPORAL_PORT), '127.0.0.1', resolve));
  try {
    const { code, stderr } = await runUntilExit('all', env);
    expect(code).not.toBe(0);
    expect(stderr).toContain(`port ${env.KEYWARDEN_TEMPORAL_PORT} is already in use by another program`);
    expect(stderr).toContain('KEYWARDEN_TEMPORAL_PORT');
  } finally {
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
  }
}, 120_000);
