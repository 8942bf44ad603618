/**
 * `npm run sandbox [-- --no-slack]`: Keywarden with every seed vendor served by its fake on loopback, in your own
 * Slack workspace or, with `--no-slack`, from the terminal with scripted people (see `with-slack.ts` and
 * `scripted.ts`). A bench/sandbox entry point: it reads its own flags and the caller's environment, and configures
 * Keywarden only through the production config loader.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { ConfigError } from '../config/load';
import { createLogger } from '../server/logger';
import { parseSandboxFlags } from './flags';
import type { Ask } from './identify';
import { SandboxCheckFailed } from './keywarden';
import { runScripted } from './scripted';
import { freshDirectory, prepareSandbox } from './setup';
import { runWithSlack } from './with-slack';

function fail(lines: readonly string[], status = 2): never {
  process.stderr.write(`The sandbox cannot start:\n${lines.map((line) => `  - ${line}`).join('\n')}\n`);
  process.exit(status);
}

function terminalAsk(): Ask {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
}

/**
 * Ctrl-C: the first stops what runs, if anything is running yet; before that, or a second time, exit at once.
 * `process.exit` still runs the hook that stops the embedded Temporal server (a signal's default would not).
 */
function onStopSignal(): { stopWith(stop: () => Promise<unknown>): void } {
  let graceful: (() => Promise<unknown>) | undefined;
  let stopping = false;
  const handle = () => {
    if (stopping || !graceful) process.exit(130);
    stopping = true;
    void graceful().then(() => process.exit(0));
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return { stopWith: (stop) => (graceful = stop) };
}

async function main(): Promise<void> {
  const flags = parseSandboxFlags(process.argv.slice(2));
  if (Array.isArray(flags)) fail(flags);
  const signals = onStopSignal();
  const dir = await freshDirectory(flags.dir, createLogger('info', process.stderr));
  const logFile = join(dir, 'keywarden.log');
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info', createWriteStream(logFile));
  const setup = await prepareSandbox(dir, process.env);
  try {
    if (flags.noSlack) {
      const ok = await runScripted(setup, process.stdout, logger);
      process.stdout.write(`Keywarden's log (JSON lines): ${logFile}\n`);
      await setup.stop();
      process.exit(ok ? 0 : 1);
    }
    const running = await runWithSlack(setup, flags, { base: process.env, ask: terminalAsk(), logger, logFile });
    if (Array.isArray(running)) fail(running);
    signals.stopWith(() => Promise.all([running.stop(), setup.stop()]));
  } catch (error) {
    await setup.stop();
    if (error instanceof ConfigError) fail(error.problems);
    if (error instanceof SandboxCheckFailed) fail([`a start-up check failed:\n${error.message}`]);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The sandbox failed: ${(error as Error).message}\n`);
  process.exit(1);
});
