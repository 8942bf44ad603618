/** Routes the Slack SDKs' own logging (Bolt, the Web API client) into the pino root logger, so every line is JSON. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export function boltLogger(logger: Logger, component = 'bolt'): BoltLogger {
  const child = logger.child({ component });
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    // Bolt's debug lines can carry whole request payloads, including secrets typed into task modals; drop them.
    debug: () => undefined,
    info: (...args) => child.info(text(args)),
    warn: (...args) => child.warn(text(args)),
    error: (...args) => child.error(text(args)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
