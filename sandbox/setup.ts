/**
 * One sandbox run's setting: a fresh directory (its `keywarden.yaml`, log and Temporal database), every vendor's
 * fake, and how to start Keywarden on them for given people and timers.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { stopOrphanedServer } from '../server/temporal/orphans';
import { sandboxYaml, type SandboxPeople, type SandboxTimers } from './config';
import { sandboxEnv } from './environment';
import { startFakes, type SandboxFakes } from './fakes';
import { startKeywarden, type RunningKeywarden } from './keywarden';

/** Marks a directory as the sandbox's, so a fresh run may empty it (and never a directory of anything else). */
const MARKER = '.keywarden-sandbox';

export interface SandboxSetup {
  dir: string;
  configPath: string;
  fakes: SandboxFakes;
  start(options: {
    people: SandboxPeople;
    timers: SandboxTimers;
    slackEnv: Record<string, string>;
    logger: Logger;
  }): Promise<RunningKeywarden>;
  stop(): Promise<void>;
}

/**
 * Empties the sandbox's directory from an earlier run (first stopping a Temporal server that run left behind, which
 * its pid file beside the database names); refuses a directory that holds anything else.
 */
export async function freshDirectory(path: string, logger: Logger): Promise<string> {
  const dir = resolve(path);
  const entries = await readdir(dir).catch(() => undefined);
  if (entries && entries.length > 0) {
    if (!entries.includes(MARKER)) {
      throw new Error(`${dir} is not empty and was not made by the sandbox; pick another with --dir`);
    }
    await stopOrphanedServer(join(dir, 'temporal.sqlite'), logger);
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, MARKER), 'made by npm run sandbox; emptied at its next run\n');
  return dir;
}

export async function prepareSandbox(
  dir: string,
  base: Readonly<Record<string, string | undefined>>,
): Promise<SandboxSetup> {
  const configPath = join(dir, 'keywarden.yaml');
  const fakes = await startFakes();
  return {
    dir,
    configPath,
    fakes,
    async start({ people, timers, slackEnv, logger }) {
      await writeFile(configPath, sandboxYaml(people, fakes, timers));
      const env = await sandboxEnv({ base, dir, configPath, slack: slackEnv, vendors: fakes.env });
      return startKeywarden(env, logger);
    },
    stop: () => fakes.stop(),
  };
}
