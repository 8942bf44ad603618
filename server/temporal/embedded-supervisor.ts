/**
 * Keeping the embedded server up. The all-in-one role is what runs where nobody supervises (a laptop, a single
 * container without a restart policy), and the server keeps all its state in the SQLite file, so when it dies
 * Keywarden starts it again itself, on the same file and port: the clients and worker reconnect to the same
 * address, and every request and credential resumes where the file has it. While it is down `/readyz` says
 * Temporal does not answer. A server that keeps dying (more than `maxRestarts` within `windowMs`: a full disk, a
 * broken file) is not hidden: the supervised server then reports that it ended, and Keywarden exits for its
 * supervisor or operator.
 */
import type { Logger } from 'pino';
import type { TemporalServer } from './dev-server';

export interface RestartPolicy {
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTARTS: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000 };

/**
 * The server `start` makes, started again whenever it ends unasked. `exited` settles only when it is given up on
 * (too many restarts, or a restart that failed) or stopped.
 */
export async function superviseEmbedded(
  start: () => Promise<TemporalServer>,
  logger: Logger,
  policy: RestartPolicy = DEFAULT_RESTARTS,
): Promise<TemporalServer> {
  let current = await start();
  let stopping = false;
  let restarting: Promise<unknown> = Promise.resolve();
  const restarts: number[] = [];
  let ended: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => (ended = resolve));

  const watch = (server: TemporalServer): void => {
    void server.exited.then(async (code) => {
      if (stopping) return ended(code);
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - policy.windowMs) restarts.shift();
      if (restarts.length > policy.maxRestarts) {
        logger.fatal({ code, restarts: restarts.length }, 'the embedded Temporal server keeps stopping; giving up');
        return ended(code);
      }
      logger.error({ code }, 'the embedded Temporal server stopped; starting it again on the same data');
      const again = start();
      restarting = again.catch(() => undefined);
      try {
        current = await again;
        logger.info({ address: current.address }, 'the embedded Temporal server is back');
        watch(current);
        if (stopping) await current.stop();
      } catch (error) {
        logger.fatal({ err: error }, 'the embedded Temporal server could not be started again');
        ended(code);
      }
    });
  };
  watch(current);

  return {
    address: current.address,
    source: current.source,
    exited,
    stop: async () => {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
