/**
 * `npm run bench`: P1–P4 against the fakes on one Temporal dev server, each figure beside its floor measured in
 * the same run. Prints the table and writes `<out>/latest.json` and `<out>/latest.md`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../server/logger';
import { startBenchEnvironment, type Machine } from './environment';
import { parseFlags, type BenchFlags } from './flags';
import { runP1 } from './p1-ack';
import { runP2 } from './p2-orchestration';
import { runP3 } from './p3-scale';
import { runP4 } from './p4-storm';
import { judge, markdownTable, type Figure } from './stats';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function runPhases(flags: BenchFlags, serverPid: number): Promise<Figure[]> {
  const phases: Array<[string, () => Promise<Figure[]>]> = [
    ['P1', () => runP1(flags.p1)],
    ['P2', () => runP2(flags.p2)],
    ['P4', () => runP4(flags.p4)],
    // P3 last: its thousands of sleeping credentials stay on the server.
    ['P3', () => runP3(flags.p3, serverPid)],
  ];
  const figures: Figure[] = [];
  for (const [phase, run] of phases) {
    if (!flags.phases.has(phase)) continue;
    const started = Date.now();
    say(`${phase}: running`);
    figures.push(...(await run()));
    say(`${phase}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return figures;
}

function markdown(figures: Figure[], machine: Machine, flags: BenchFlags, at: string): string {
  return [
    `Measured ${at} on ${machine.nproc} × ${machine.cpu}, Node ${machine.node} (${machine.platform})` +
      `${flags.quick ? ', `--quick` sizes' : ''}:`,
    '',
    markdownTable(figures),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const started = Date.now();
  const environment = await startBenchEnvironment(logger);
  let figures: Figure[];
  try {
    figures = await runPhases(flags, environment.serverPid);
  } finally {
    await environment.stop();
  }
  const at = new Date().toISOString();
  const table = markdown(figures, environment.machine, flags, at);
  say(`\n${table}`);
  await mkdir(flags.out, { recursive: true });
  const result = {
    at,
    seconds: Math.round((Date.now() - started) / 1000),
    machine: environment.machine,
    sizes: { p1: flags.p1, p2: flags.p2, p3: flags.p3, p4: flags.p4, quick: flags.quick },
    figures: figures.map((figure) => ({ ...figure, ...judge(figure) })),
  };
  await writeFile(join(flags.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(flags.out, 'latest.md'), table);
  say(`written ${join(flags.out, 'latest.json')} and latest.md (${result.seconds} s in all)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
