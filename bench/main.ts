/**
 * `npm run bench`: P1–P4 against the fakes on one Temporal dev server, each figure beside its floor measured in
 * the same run. Prints the table and writes `<out>/latest.json` and `<out>/latest.md`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../server/logger';
import { startBenchEnvironment, type Machine } from './environment';
import { parseFlags, PHASES, type BenchFlags } from './flags';
import { runP1 } from './p1-ack';
import { runP2 } from './p2-orchestration';
import { runP3 } from './p3-scale';
import { runP4 } from './p4-storm';
import { judge, markdownTable, type Figure, type Verdict } from './stats';

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

interface Results {
  at: string;
  machine: Machine;
  /** Each phase's sizes, as run. */
  sizes: Record<string, unknown>;
  /** Every figure with its verdict and when it was measured. */
  figures: Array<Figure & Verdict & { at: string }>;
}

/** This run's figures; with --only, merged into the previous results, whose other phases are kept. */
async function merged(flags: BenchFlags, figures: Figure[], machine: Machine, at: string): Promise<Results> {
  const text = await readFile(join(flags.out, 'latest.json'), 'utf8').catch(() => undefined);
  const previous = text && flags.phases.size < PHASES.length ? (JSON.parse(text) as Results) : undefined;
  const asRun: Record<string, object> = { P1: flags.p1, P2: flags.p2, P3: flags.p3, P4: flags.p4 };
  const sizes = Object.fromEntries([...flags.phases].map((phase) => [phase, { ...asRun[phase], quick: flags.quick }]));
  return {
    at,
    machine,
    sizes: { ...previous?.sizes, ...sizes },
    figures: [
      ...(previous?.figures ?? []).filter((figure) => !flags.phases.has(figure.phase)),
      ...figures.map((figure) => ({ ...figure, ...judge(figure), at })),
    ].sort((a, b) => a.phase.localeCompare(b.phase)),
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const started = Date.now();
  const environment = await startBenchEnvironment(createLogger(process.env.LOG_LEVEL ?? 'warn'));
  // Ctrl-C stops the Temporal server too (Node's default would exit without it).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void environment.stop().finally(() => process.exit(130)));
  let figures: Figure[];
  try {
    figures = await runPhases(flags, environment.serverPid);
  } finally {
    await environment.stop();
  }
  const at = new Date().toISOString();
  const results = await merged(flags, figures, environment.machine, at);
  const table = markdown(results.figures, environment.machine, flags, at);
  say(`\n${table}`);
  await mkdir(flags.out, { recursive: true });
  await writeFile(join(flags.out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(flags.out, 'latest.md'), table);
  say(`written ${join(flags.out, 'latest.json')} and latest.md (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
