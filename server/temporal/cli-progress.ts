/**
 * Progress of the one-time `go install -v` of the Temporal CLI, which takes minutes: go's stderr (`go: downloading
 * <module> <version>` while fetching modules, then one package path per compiled package) summarised into a
 * phase, counts and the package being compiled, logged every few seconds so a first start never looks stuck.
 */
import type { Logger } from 'pino';

/** `preparing`: go reads the module graph and its build cache (a warm cache compiles nothing and prints nothing). */
export type BuildPhase = 'preparing' | 'downloading modules' | 'compiling' | 'linking';

export interface BuildProgress {
  phase: BuildPhase;
  modulesDownloaded: number;
  packagesCompiled: number;
  /** The module or package go reported last. */
  current?: string;
}

/** The command at the end of the build: the main package of the CLI. */
const MAIN_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

export class BuildProgressTracker {
  readonly progress: BuildProgress = { phase: 'preparing', modulesDownloaded: 0, packagesCompiled: 0 };
  private partial = '';

  /** Feeds a chunk of go's stderr; whole lines are counted. */
  feed(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line.trim());
  }

  private line(line: string): void {
    if (!line) return;
    const downloading = /^go: downloading (\S+) (\S+)/.exec(line);
    if (downloading) {
      this.progress.phase = 'downloading modules';
      this.progress.modulesDownloaded += 1;
      this.progress.current = `${downloading[1]} ${downloading[2]}`;
      return;
    }
    // `go install -v` prints each package path as it is built; anything else (warnings) is not a package.
    if (/^[\w.-]+(\/[\w.~+-]+)*$/.test(line)) {
      this.progress.packagesCompiled += 1;
      this.progress.phase = line === MAIN_PACKAGE ? 'linking' : 'compiling';
      this.progress.current = line;
    }
  }
}

/** Logs the tracker's progress every `everyMs` until stopped; returns the stop function. */
export function logBuildProgress(
  tracker: BuildProgressTracker,
  logger: Logger,
  started: number,
  everyMs = 10_000,
): () => void {
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    logger.info({ ...tracker.progress, seconds }, `building the Temporal CLI: ${tracker.progress.phase}`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
