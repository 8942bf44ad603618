/**
 * Finds or builds the Temporal CLI, whose `server start-dev` is Keywarden's embedded Temporal server.
 *
 * Order: an explicit path (`KEYWARDEN_TEMPORAL_CLI`) → `temporal` on PATH → a binary this module built earlier
 * (cached by version under `~/.cache/keywarden`) → [the caller then tries the SDK's own download, which needs
 * internet] → a build from the Go module proxy with `go install`, pinned to `TEMPORAL_CLI_VERSION`.
 * v1.5.x is the newest line `go install pkg@version` accepts (later go.mod files carry `replace` directives).
 */
import { spawn } from 'node:child_process';
import { access, constants, mkdir, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Logger } from 'pino';
import { BuildProgressTracker, logBuildProgress } from './cli-progress';

export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type CliSource = 'explicit' | 'path' | 'cache' | 'built';

export interface TemporalCli {
  path: string;
  source: CliSource;
}

export interface CliLookup {
  explicitPath?: string;
  /** The PATH to search, as the config module read it. */
  searchPath?: string;
  cacheDir: string;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const cachedCliPath = (cacheDir: string): string =>
  join(cacheDir, 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');

/** The CLI if one is already on this machine; undefined otherwise. Throws if an explicit path is wrong. */
export async function findTemporalCli(lookup: CliLookup): Promise<TemporalCli | undefined> {
  if (lookup.explicitPath) {
    if (await isExecutable(lookup.explicitPath)) return { path: lookup.explicitPath, source: 'explicit' };
    throw new Error(`KEYWARDEN_TEMPORAL_CLI points at ${lookup.explicitPath}, which is not an executable file`);
  }
  for (const dir of (lookup.searchPath ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'temporal');
    if (await isExecutable(candidate)) return { path: candidate, source: 'path' };
  }
  const cached = cachedCliPath(lookup.cacheDir);
  return (await isExecutable(cached)) ? { path: cached, source: 'cache' } : undefined;
}

/**
 * Builds the pinned CLI with `go install -v` into the cache (several minutes on two cores, once per machine),
 * logging its progress; the staging folder is removed whether the build succeeds or fails.
 */
export async function buildTemporalCli(
  cacheDir: string,
  logger: Logger,
  /** The environment `go` runs in (GOPATH, proxy settings), handed down by the config module. */
  toolEnv: Readonly<Record<string, string | undefined>>,
): Promise<TemporalCli> {
  const target = cachedCliPath(cacheDir);
  const staging = join(cacheDir, 'temporal-cli', `${TEMPORAL_CLI_VERSION}.building-${process.pid}`);
  await mkdir(staging, { recursive: true });
  logger.info(
    { version: TEMPORAL_CLI_VERSION, module: MODULE, staging, target },
    'building the Temporal CLI from the Go module proxy with go install (first run only; several minutes)',
  );
  const started = Date.now();
  const tracker = new BuildProgressTracker();
  const stopLogging = logBuildProgress(tracker, logger, started);
  try {
    await goInstall(staging, toolEnv, tracker);
    await mkdir(join(cacheDir, 'temporal-cli', TEMPORAL_CLI_VERSION), { recursive: true });
    // Rename is atomic, so a concurrent start never runs a half-written binary.
    await rename(join(staging, 'temporal'), target);
  } finally {
    stopLogging();
    await rm(staging, { recursive: true, force: true });
  }
  const { modulesDownloaded, packagesCompiled } = tracker.progress;
  logger.info(
    {
      version: TEMPORAL_CLI_VERSION,
      seconds: Math.round((Date.now() - started) / 1000),
      modulesDownloaded,
      packagesCompiled,
      path: target,
    },
    `Temporal CLI built: ${target} (found there from now on)`,
  );
  return { path: target, source: 'built' };
}

function goInstall(
  staging: string,
  toolEnv: Readonly<Record<string, string | undefined>>,
  tracker: BuildProgressTracker,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', '-v', `${MODULE}@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...toolEnv, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      tracker.feed(chunk.toString());
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', (error) =>
      reject(
        new Error(
          `cannot run "go" to build the Temporal CLI (${error.message}); install Go or set KEYWARDEN_TEMPORAL_CLI`,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code}):\n${stderr}`)),
    );
  });
}
