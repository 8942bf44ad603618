/**
 * Keywarden as real processes: the compiled production entry (`node dist/server/main.js <role>`), started with a
 * stack's environment, watched through its JSON log lines, stopped by signal like an orchestrator would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './wait';

const ROOT = join(__dirname, '../..');

/**
 * Node's flags for Keywarden, as `npm start` and the image's entry point give them (test/unit/deploy.test.ts
 * holds the three together): a small young generation keeps a worker's memory flat (README "Benchmarks", P3).
 */
export const NODE_FLAGS = ['--max-semi-space-size=2'];

/**
 * Builds `dist/` as `npm start` does before starting (once per test run, in the global setup): `npm run build`
 * when the sources changed since the last build, nothing otherwise; `npm run sandbox` then finds it up to date.
 */
export function buildDist(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-changed.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export interface KeywardenProcess {
  role: string;
  child: ChildProcess;
  /** Every JSON log line so far, parsed. */
  lines: Array<Record<string, unknown>>;
  /** `http://host:port` of `/metrics`, `/healthz`, `/readyz`. */
  opsUrl: string;
  /** The Slack endpoint, for the bot and all-in-one roles in HTTP mode. */
  slackUrl?: string;
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the process to end; resolves with its exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startKeywarden(
  role: 'all' | 'bot' | 'worker',
  env: Readonly<Record<string, string>>,
  extra: Record<string, string> = {},
): Promise<KeywardenProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'dist/server/main.js'), role], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      LOG_LEVEL: 'info',
      // Every process its own ops port (the default 9464 would be shared).
      KEYWARDEN_OPS_PORT: '0',
      // The run's own bundle of the same workflow code: a worker then starts without webpack.
      KEYWARDEN_WORKFLOW_BUNDLE: process.env.KW_TEST_WORKFLOW_BUNDLE ?? '',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const running = await Promise.race([
    eventually(() => lines.find((l) => l.msg === 'Keywarden is running'), `keywarden ${role} to start`, 90_000),
    exited.then((code) => {
      throw new Error(`keywarden ${role} exited (${code}) during start-up: ${stderr.slice(-2000)}`);
    }),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const listening = lines.find((l) => l.msg === 'Slack bot listening');
  return {
    role,
    child,
    lines,
    opsUrl: String(running.ops),
    ...(typeof listening?.port === 'number' ? { slackUrl: `http://127.0.0.1:${listening.port}/slack/events` } : {}),
    exited,
    stop: (signal = 'SIGTERM') => {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}

/** Starts several processes; if any cannot start, stops the others too (Jest would wait on them forever). */
export async function startAll(
  specs: ReadonlyArray<{ role: 'all' | 'bot' | 'worker'; env: Readonly<Record<string, string>> }>,
): Promise<KeywardenProcess[]> {
  const settled = await Promise.allSettled(specs.map((spec) => startKeywarden(spec.role, spec.env)));
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result) => result.status === 'rejected');
  if (!failed) return started;
  await Promise.all(started.map((p) => p.stop('SIGKILL')));
  throw failed.reason;
}

/** Runs Keywarden expecting it to stop by itself (a refused start); its exit code and what it printed. */
export async function runUntilExit(
  role: 'all' | 'bot' | 'worker',
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'dist/server/main.js'), role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
