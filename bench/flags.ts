/**
 * `npm run bench [-- --quick] [--only=P1,P3] [--p1-concurrency=50] [--p1-rounds=6] [--p2-requests=200]
 * [--p2-worker-cache=N] [--p3-credentials=10000] [--p4-credentials=1000] [--out=bench/results]`. The benchmark reads its own flags.
 */
export interface BenchFlags {
  phases: Set<string>;
  quick: boolean;
  p1: { concurrency: number; rounds: number };
  /** `workerCache`: the in-process worker's workflow cache, to weigh it against P3 (default: production's). */
  p2: { requests: number; workerCache?: number };
  p3: { credentials: number; lists: number };
  p4: { credentials: number; vendorLimit: number };
  out: string;
}

export const PHASES = ['P1', 'P2', 'P3', 'P4'];

export function parseFlags(argv: readonly string[]): BenchFlags {
  const given = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`unknown argument ${arg}; see bench/flags.ts`);
    given.set(match[1], match[2] ?? 'true');
  }
  const quick = given.get('quick') === 'true';
  const number = (name: string, full: number, small: number) => {
    const value = Number(given.get(name) ?? (quick ? small : full));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const only = given.get('only')?.toUpperCase().split(',') ?? PHASES;
  const unknown = only.filter((phase) => !PHASES.includes(phase));
  if (unknown.length) throw new Error(`--only: unknown phase ${unknown.join(', ')} (${PHASES.join(', ')})`);
  return {
    phases: new Set(only),
    quick,
    p1: { concurrency: number('p1-concurrency', 50, 50), rounds: number('p1-rounds', 6, 2) },
    p2: {
      requests: number('p2-requests', 200, 50),
      ...(given.has('p2-worker-cache') ? { workerCache: number('p2-worker-cache', 0, 0) } : {}),
    },
    p3: { credentials: number('p3-credentials', 10_000, 1_000), lists: number('p3-lists', 20, 10) },
    p4: { credentials: number('p4-credentials', 1_000, 60), vendorLimit: number('p4-vendor-limit', 10, 10) },
    out: given.get('out') ?? 'bench/results',
  };
}
