/**
 * R2: the Temporal server itself stopped mid-flight. Keywarden runs as the all-in-one process with its embedded
 * server on a SQLite file; the server process (found by its pid file) is stopped, by SIGKILL and by SIGTERM in
 * turn, while requests are in flight; Keywarden starts it again on the same file and every acknowledged request
 * completes.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '../server/free-port';
import { pidFileFor } from '../server/temporal/orphans';
import { startStack, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import { awaitCompletion, countRequests, type ScenarioCounts } from './counts';
import { startFleet } from './fleet';
import { pause, requestInBursts, startApprovers } from './people';
import type { ChaosSizes } from './sizes';

/** The stack's environment with an embedded server of Keywarden's own instead of the shared one. */
async function embeddedEnv(stack: Stack): Promise<Record<string, string>> {
  const { TEMPORAL_ADDRESS: _shared, ...env } = stack.env;
  return {
    ...env,
    KEYWARDEN_DATA_DIR: await mkdtemp(join(tmpdir(), 'kw-chaos-r2-')),
    KEYWARDEN_TEMPORAL_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_TEMPORAL_UI_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_CODEC_PORT: '0',
    ...(process.env.KEYWARDEN_TEMPORAL_CLI ? { KEYWARDEN_TEMPORAL_CLI: process.env.KEYWARDEN_TEMPORAL_CLI } : {}),
    ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}),
  };
}

export async function runR2(sizes: ChaosSizes): Promise<ScenarioCounts> {
  const began = Date.now();
  const stack = await startStack({ vendorRatePerSecond: 100 });
  await stack.stopWorker();
  const env = await embeddedEnv(stack);
  const fleet = await startFleet(['all'], env, stack.slack);
  const approvers = startApprovers(stack.slack, fleet.client);
  const pidFile = pidFileFor(join(env.KEYWARDEN_DATA_DIR ?? '', 'temporal.sqlite'));
  const serverPid = () => Number(readFileSync(pidFile, 'utf8').trim());
  try {
    let stops = 0;
    const stopping = (async () => {
      for (let i = 0; i < sizes.r2.serverStops; i++) {
        await pause(1_000 + Math.random() * 2_000);
        const keywarden = fleet.process('all');
        const backBefore = keywarden?.lines.filter((l) => l.msg === 'the embedded Temporal server is back').length;
        process.kill(serverPid(), i % 2 === 0 ? 'SIGKILL' : 'SIGTERM');
        stops += 1;
        await eventually(
          () =>
            (keywarden?.lines.filter((l) => l.msg === 'the embedded Temporal server is back').length ?? 0) >
            (backBefore ?? 0),
          'the embedded server to be started again',
          60_000,
        );
      }
    })();
    const tally = await requestInBursts(
      fleet.client,
      { count: sizes.r2.requests, burst: sizes.r2.burst, users: ['UREQ'], giveUpAt: began + 300_000 },
      { beforeBurst: (sent) => (sent === 0 ? Promise.resolve() : pause(500 + Math.random() * 1_000)) },
    );
    await stopping;
    await awaitCompletion(stack.slack, stack.vectra, tally.acknowledged, Date.now() + sizes.settleMs);
    const counted = countRequests(stack.slack, stack.vectra, tally.acknowledged, true);
    return {
      scenario: 'R2 Temporal server stopped',
      chaos: `${stops} server stops (SIGKILL and SIGTERM in turn), Keywarden restarted it on the same SQLite file`,
      ...counted,
      extra: {
        'missing approval messages': counted.missingApprovals,
        'answered NOT recorded while it was down (typed again)': tally.notRecorded.length,
        'Keywarden exits': fleet.process('all')?.child.exitCode === null ? 0 : 1,
      },
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    await approvers.stop();
    await fleet.stop();
    await stack.stop();
  }
}
