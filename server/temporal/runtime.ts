/**
 * The Temporal SDK runtime: its logs go into Keywarden's pino logger, its metrics to a loopback Prometheus endpoint
 * that the ops server re-exports, and it installs no signal handlers of its own, because `server/main.ts` owns
 * shutdown order (bot, then worker, then the embedded server). Once per process.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AuditLine } from '../ops/metrics';

/**
 * Who hears each workflow audit line (metrics). Process-wide, like the runtime whose logger feeds it (workflow log
 * lines reach the one runtime logger whichever worker ran the task), so kept on `globalThis`: a module loaded
 * twice (test files each get their own module registry) still shares the one set the runtime's logger reads.
 */
const LISTENERS = Symbol.for('keywarden.auditListeners');
const auditListeners: Set<(line: AuditLine) => void> = ((globalThis as Record<symbol, unknown>)[LISTENERS] ??=
  new Set()) as Set<(line: AuditLine) => void>;

/** Calls `listener` with every audit line workflows log in this process; returns the unsubscribe function. */
export function onAuditLine(listener: (line: AuditLine) => void): () => void {
  auditListeners.add(listener);
  return () => auditListeners.delete(listener);
}

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
    if (meta?.audit === true) for (const listener of auditListeners) listener(meta as unknown as AuditLine);
    if (RANK[level] < RANK[this.level] && meta?.audit !== true) return;
    this.pino[PINO_LEVEL[level]](withErr(meta), message);
  }
  trace = (message: string, meta?: LogMetadata) => this.log('TRACE', message, meta);
  debug = (message: string, meta?: LogMetadata) => this.log('DEBUG', message, meta);
  info = (message: string, meta?: LogMetadata) => this.log('INFO', message, meta);
  warn = (message: string, meta?: LogMetadata) => this.log('WARN', message, meta);
  error = (message: string, meta?: LogMetadata) => this.log('ERROR', message, meta);
}

/** The SDK's logger interface over pino, for SDK code that runs outside the runtime (the workflow bundler). */
export function sdkLogger(logger: Logger, level: LogLevel = 'INFO'): SdkLogger {
  return new PinoSdkLogger(logger, level);
}

export interface RuntimeOptions {
  level?: LogLevel;
  /** `host:port` where the SDK serves its Prometheus metrics; the ops server appends them to `/metrics`. */
  metricsAddress?: string;
}

/** Installs the runtime; false when one was already installed in this process (the first one stays). */
export function installTemporalRuntime(logger: Logger, options: RuntimeOptions = {}): boolean {
  try {
    Runtime.install({
      logger: new PinoSdkLogger(logger.child({ component: 'temporal' }), options.level ?? 'INFO'),
      shutdownSignals: [],
      ...(options.metricsAddress
        ? { telemetryOptions: { metrics: { prometheus: { bindAddress: options.metricsAddress } } } }
        : {}),
    });
    return true;
  } catch {
    // Already installed in this process (a test file reusing the runtime).
    return false;
  }
}
