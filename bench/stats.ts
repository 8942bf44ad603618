/**
 * The benchmark's arithmetic: percentiles, ratios against a floor measured in the same run, targets, and the
 * Markdown table. Pure, so it is unit tested (test/unit/bench-stats.test.ts).
 */

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile (`p` in 0..100) of samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/**
 * A figure's target: `ratio` against its floor (Keywarden ÷ floor at most `max`), or `atMost` an absolute bound
 * (memory, Slack's deadline), where the floor is still shown beside it for scale.
 */
export type Target = { kind: 'ratio'; max: number } | { kind: 'atMost'; max: number };

export interface Figure {
  /** P1 … P4. */
  phase: string;
  name: string;
  unit: string;
  value: number;
  /** What the same work costs without Keywarden, measured in the same run; absent when there is none. */
  floor?: number;
  /** What the floor is, e.g. "bare Bolt app" or "idle worker". */
  floorName?: string;
  target?: Target;
}

export interface Verdict {
  ratio?: number;
  met?: boolean;
}

export function ratioOf(value: number, floor: number | undefined): number | undefined {
  if (floor === undefined || !Number.isFinite(floor) || floor <= 0 || !Number.isFinite(value)) return undefined;
  return value / floor;
}

export function judge(figure: Figure): Verdict {
  const ratio = ratioOf(figure.value, figure.floor);
  const { target } = figure;
  if (!target) return ratio === undefined ? {} : { ratio };
  const measured = target.kind === 'ratio' ? ratio : figure.value;
  const met = measured !== undefined && Number.isFinite(measured) ? measured <= target.max : false;
  return { ...(ratio === undefined ? {} : { ratio }), met };
}

function amount(value: number | undefined, unit: string): string {
  if (value === undefined) return '—';
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function targetText(target: Target | undefined, unit: string): string {
  if (!target) return '—';
  return target.kind === 'ratio' ? `≤ ${target.max}×` : `≤ ${amount(target.max, unit)}`;
}

/** One Markdown table of every figure: value, floor, ratio, target and whether it was met. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const { ratio, met } = judge(figure);
    const floor = figure.floor === undefined ? '—' : `${amount(figure.floor, figure.unit)} (${figure.floorName ?? ''})`;
    return [
      figure.phase,
      figure.name,
      amount(figure.value, figure.unit),
      floor,
      ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      targetText(figure.target, figure.unit),
      met === undefined ? '—' : met ? 'met' : '**missed**',
    ];
  });
  const header = ['', 'figure', 'Keywarden', 'floor (same run)', 'ratio', 'target', ''];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The most events in any window of `windowMs` (sliding), from their timestamps. */
export function busiestWindow(timestamps: readonly number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
