/**
 * A local AWS emulator for the Secrets Manager destination: `moto` in server mode, from PyPI, pinned. The project
 * installs it itself on a fresh machine (into `~/.cache/keywarden/moto/<version>`, once) unless the machine's
 * Python already has that version; if it cannot be had, the test fails with the reason rather than skipping.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const MOTO_VERSION = '5.2.1';
const PYTHON = process.env.KW_TEST_PYTHON ?? 'python3';
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keywarden', 'moto', MOTO_VERSION);
const PROBE = `import moto, flask, flask_cors; print(moto.__version__)`;

// Prints its port, then serves until its stdin closes (so it never outlives the test process).
const LAUNCH = [
  'import sys',
  'from moto.server import ThreadedMotoServer',
  "server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)",
  'server.start()',
  "print('listening', server.get_host_and_port()[1], flush=True)",
  'sys.stdin.read()',
  'server.stop()',
].join('\n');

async function hasMoto(pythonPath?: string): Promise<boolean> {
  try {
    const { stdout } = await run(PYTHON, ['-c', PROBE], {
      env: { ...process.env, ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) },
    });
    return stdout.trim() === MOTO_VERSION;
  } catch {
    return false;
  }
}

/** The PYTHONPATH under which `moto[server]==MOTO_VERSION` imports; installs it into the cache when needed. */
export async function ensureMoto(): Promise<string | undefined> {
  if (existsSync(CACHE) && (await hasMoto(CACHE))) return CACHE;
  if (await hasMoto()) return undefined;
  // Test files in parallel workers may both install: each into its own folder, and the first rename wins.
  const staging = `${CACHE}.partial-${process.pid}`;
  try {
    await run(PYTHON, ['-m', 'pip', 'install', '--quiet', '--target', staging, `moto[server]==${MOTO_VERSION}`], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 600_000,
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `could not install moto[server]==${MOTO_VERSION} from PyPI into ${CACHE}: ${stderr ?? String(error)}`,
    );
  }
  await rename(staging, CACHE).catch(() => rm(staging, { recursive: true, force: true }));
  if (!(await hasMoto(CACHE))) throw new Error(`moto ${MOTO_VERSION} installed into ${CACHE} but does not import`);
  return CACHE;
}

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  const pythonPath = await ensureMoto();
  const child: ChildProcess = spawn(PYTHON, ['-c', LAUNCH], {
    env: { ...process.env, ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening (\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`moto exited with ${code} before listening: ${errors}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}
