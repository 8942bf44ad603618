/** Sends the Temporal SDK's own logs (worker, core) into Keywarden's pino logger. Call once per process. */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export function installTemporalLogging(logger: Logger, level: LogLevel = 'INFO'): void {
  const child = logger.child({ component: 'temporal' });
  try {
    Runtime.install({
      logger: new DefaultLogger(level, (entry) => child[PINO_LEVEL[entry.level]](entry.meta ?? {}, entry.message)),
    });
  } catch {
    // Already installed in this process (a test file reusing the runtime); the first logger stays in place.
  }
}
