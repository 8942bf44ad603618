/**
 * The Temporal SDK runtime: its logs go into Keywarden's pino logger, and it installs no signal handlers of its
 * own, because `bot/main.ts` owns shutdown order (bot, then worker, then the embedded server). Once per process.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK puts errors under `error`; pino serialises them (message, stack) only under `err`. */
function withErr(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta || !(meta.error instanceof Error)) return meta ?? {};
  const { error, ...rest } = meta;
  return { ...rest, err: error };
}

export function installTemporalRuntime(logger: Logger, level: LogLevel = 'INFO'): void {
  const child = logger.child({ component: 'temporal' });
  try {
    Runtime.install({
      logger: new DefaultLogger(level, (entry) => child[PINO_LEVEL[entry.level]](withErr(entry.meta), entry.message)),
      shutdownSignals: [],
    });
  } catch {
    // Already installed in this process (a test file reusing the runtime); the first installation stays.
  }
}
