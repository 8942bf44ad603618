/**
 * The embedded Temporal server: `temporal server start-dev` as a child process (SQLite file for `npm start`,
 * in memory for tests), or the SDK's downloaded dev server when no CLI is on this machine and internet is.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { buildTemporalCli, findTemporalCli, type CliLookup } from './cli';
import { ensurePortFree, forgetServerPid, recordServerPid, stopOrphanedServer } from './orphans';
import { spawnWatched } from './parent-watch';

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** The Web UI decodes payloads through this endpoint. */
  codecEndpoint?: string;
  namespace: string;
  /** SQLite file; omit for an in-memory server. */
  dbFile?: string;
  logger: Logger;
}

export interface TemporalServer {
  address: string;
  /** Where the server came from, for the start-up log and the closing notes. */
  source: string;
  /** Settles when the server process ends, whoever ended it. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

function devServerArgs(options: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.uiPort && options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...(options.dbFile
      ? [
          '--db-filename',
          options.dbFile,
          '--sqlite-pragma',
          'journal_mode=WAL',
          '--sqlite-pragma',
          'synchronous=NORMAL',
        ]
      : []),
  ];
}

/** Starts the CLI's dev server and waits until its frontend answers. */
export async function startCliDevServer(cliPath: string, options: DevServerOptions): Promise<TemporalServer> {
  if (options.dbFile) {
    await mkdir(dirname(options.dbFile), { recursive: true });
    await stopOrphanedServer(options.dbFile, options.logger);
  }
  await ensurePortFree(options.port);
  // Under a watch that stops it when this process ends, even by SIGKILL (see parent-watch.ts); in its own process
  // group, so a terminal's Ctrl-C reaches only Keywarden, which stops the server last.
  const { child, serverPid } = spawnWatched(cliPath, devServerArgs(options));
  const killOnExit = () => killGroup(child);
  process.once('exit', killOnExit);
  const log = options.logger.child({ component: 'temporal-server' });
  let recent = '';
  const capture = (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-4000);
    log.debug({ output: chunk.toString().trim() }, 'dev server output');
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const { dbFile } = options;
  if (dbFile) await recordServerPid(dbFile, await serverPid.catch(() => child.pid ?? 0));
  if (dbFile) void exited.then(() => forgetServerPid(dbFile));
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(address, exited);
  } catch (error) {
    killGroup(child);
    throw new Error(`${(error as Error).message}\n${recent}`);
  }
  return {
    address,
    source: cliPath,
    exited,
    stop: async () => {
      await stopChild(child, exited);
      process.removeListener('exit', killOnExit);
    },
  };
}

async function waitUntilReady(address: string, exited: Promise<number | null>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the Temporal dev server exited during start-up (is port ${address} in use?)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the Temporal dev server did not answer on ${address} within ${READY_TIMEOUT_MS / 1000}s`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => killGroup(child), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The watch, the server and anything it started: they share the process group the watch leads. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The SDK's cached download of the dev server: works only with internet access, so it fails fast here. */
async function startSdkDevServer(options: DevServerOptions, downloadDir: string): Promise<TemporalServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download', downloadDir },
      ip: '127.0.0.1',
      port: options.port,
      namespace: options.namespace,
      ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
    },
  });
  let ended: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => (ended = resolve));
  return {
    address: env.address,
    source: 'sdk-download',
    exited,
    stop: () => env.teardown().then(() => ended(0)),
  };
}

/** Finds, downloads or builds the CLI (in that order) and starts the dev server with it. */
export async function startEmbeddedTemporal(
  lookup: CliLookup & { toolEnv: Readonly<Record<string, string | undefined>> },
  options: DevServerOptions,
): Promise<TemporalServer> {
  const found = await findTemporalCli(lookup);
  if (found) return startCliDevServer(found.path, options);
  try {
    if (options.dbFile) await mkdir(dirname(options.dbFile), { recursive: true });
    return await startSdkDevServer(options, `${lookup.cacheDir}/temporal-sdk-download`);
  } catch (error) {
    options.logger.info(
      { reason: (error as Error).message.split('\n')[0] },
      'SDK download of the Temporal dev server unavailable',
    );
  }
  const built = await buildTemporalCli(lookup.cacheDir, options.logger, lookup.toolEnv);
  return startCliDevServer(built.path, options);
}
