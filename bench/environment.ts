/**
 * What every phase shares: one Temporal dev server started the way Keywarden starts its embedded one (the same
 * module, a SQLite file), the compiled production build for Keywarden child processes, and one workflow bundle.
 * The test support (`test/support/stack.ts`, `processes.ts`) reads the server and bundle from the same variables
 * the e2e global setup sets.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { freeLoopbackPort } from '../server/free-port';
import { startEmbeddedTemporal } from '../server/temporal/dev-server';
import { pidFileFor } from '../server/temporal/orphans';
import { ensureRetention } from '../server/temporal/retention';
import { ensureSearchAttributes } from '../server/temporal/search-attributes';
import { buildDist } from '../test/support/processes';
import { bundleWorkflowsToFile } from '../test/support/workflow-bundle';

export interface BenchEnvironment {
  address: string;
  /** The Temporal server process, for its memory. */
  serverPid: number;
  machine: Machine;
  stop(): Promise<void>;
}

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export async function startBenchEnvironment(logger: Logger): Promise<BenchEnvironment> {
  const dbFile = join(await mkdtemp(join(tmpdir(), 'keywarden-bench-')), 'temporal.db');
  const server = await startEmbeddedTemporal(
    {
      explicitPath: process.env.KEYWARDEN_TEMPORAL_CLI,
      searchPath: process.env.PATH,
      cacheDir: join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keywarden'),
      toolEnv: process.env,
    },
    { port: await freeLoopbackPort(), namespace: 'default', dbFile, logger },
  );
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default', logger);
  await ensureRetention(connection, 'default', logger);
  await connection.close();
  buildDist();
  process.env.KW_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.KW_TEST_WORKFLOW_BUNDLE = await bundleWorkflowsToFile(logger);
  const serverPid = Number((await readFile(pidFileFor(dbFile), 'utf8')).trim());
  return { address: server.address, serverPid, machine: describeMachine(), stop: () => server.stop() };
}

/** Resident memory of a process in MB, from `/proc` (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
