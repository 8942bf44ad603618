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

async function main(): Promise<void> {
  const flags = parseSandboxFlags(process.argv.slice(2));
  if (Array.isArray(flags)) fail(flags);
  const dir = await freshDirectory(flags.dir);
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
    const stop = () => void Promise.all([running.stop(), setup.stop()]).then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
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
