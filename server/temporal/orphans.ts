/**
 * The embedded server must belong to this Keywarden. A SIGKILLed Keywarden cannot stop its server, which lives on
 * as an orphan holding the port and the SQLite file; the next start would then silently talk to it, and fail
 * once it dies. So its pid is kept beside its database, a leftover one is stopped before a new server starts, and
 * a port held by anything else stops start-up with a clear message.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Logger } from 'pino';

export const pidFileFor = (dbFile: string): string => `${dbFile}.server.pid`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` is a Temporal dev server using `dbFile` (Linux: its command line); elsewhere, trust the pid file. */
async function isOurServer(pid: number, dbFile: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return cmdline === undefined || (cmdline.includes('start-dev') && cmdline.includes(dbFile));
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return !alive(pid);
}

/** Stops the server a previous Keywarden left running on `dbFile`, if any. */
export async function stopOrphanedServer(dbFile: string, logger: Logger): Promise<void> {
  const pidFile = pidFileFor(dbFile);
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0 && alive(pid) && (await isOurServer(pid, dbFile))) {
    logger.warn({ pid }, 'stopping an embedded Temporal server a previous run left behind');
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, 10_000))) process.kill(pid, 'SIGKILL');
    await waitGone(pid, 5_000);
  }
  await rm(pidFile, { force: true });
}

export const recordServerPid = (dbFile: string, pid: number): Promise<void> =>
  writeFile(pidFileFor(dbFile), `${pid}\n`);

export const forgetServerPid = (dbFile: string): Promise<void> => rm(pidFileFor(dbFile), { force: true });

/** Throws a clear message when something else already listens on the server's port. */
export function ensurePortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `port ${port} is already in use by another program, so the embedded Temporal server cannot start: stop that program or set KEYWARDEN_TEMPORAL_PORT to a free port`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
