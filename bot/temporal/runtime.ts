/**
 * The Temporal SDK runtime: its logs go into Keywarden's pino logger, and it installs no signal handlers of its
 * own, because `bot/main.ts` owns shutdown order (bot, then worker, then the embedded server). Once per process.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};
const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

/** The SDK puts errors under `error`; pino serialises them (message, stack) only under `err`. */
function withErr(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta || !(meta.error instanceof Error)) return meta ?? {};
  const { error, ...rest } = meta;
  return { ...rest, err: error };
}

/**
 * Forwards SDK and workflow log entries at or above `level` to pino. Audit events logged by workflows
 * (`workflows/audit.ts`, marked `audit: true`) always pass, however quiet the SDK is set: they are the record.
 */
class PinoSdkLogger implements SdkLogger {
  constructor(
    private readonly pino: Logger,
    private readonly level: LogLevel,
  ) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (RANK[level] < RANK[this.level] && meta?.audit !== true) return;
    this.pino[PINO_LEVEL[level]](withErr(meta), message);
  }
  trace = (message: string, meta?: LogMetadata) => this.log('TRACE', message, meta);
  debug = (message: string, meta?: LogMetadata) => this.log('DEBUG', message, meta);
  info = (message: string, meta?: LogMetadata) => this.log('INFO', message, meta);
  warn = (message: string, meta?: LogMetadata) => this.log('WARN', message, meta);
  error = (message: string, meta?: LogMetadata) => this.log('ERROR', message, meta);
}

export function installTemporalRuntime(logger: Logger, level: LogLevel = 'INFO'): void {
  try {
    Runtime.install({ logger: new PinoSdkLogger(logger.child({ component: 'temporal' }), level), shutdownSignals: [] });
  } catch {
    // Already installed in this process (a test file reusing the runtime); the first installation stays.
  }
}
