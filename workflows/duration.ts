/**
 * Durations as people type them: `90s`, `45m`, `12h`, `30d`, `2w`. Pure code, so workflows, the bot and the
 * config loader share one grammar.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

const DURATION = /^(\d{1,6})([smhdw])$/;

/** Milliseconds for a duration string, or undefined when it does not match the grammar or is zero. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] as Unit;
  return amount > 0 ? amount * UNIT_MS[unit] : undefined;
}

const NAMES: ReadonlyArray<[Unit, string]> = [
  ['w', 'week'],
  ['d', 'day'],
  ['h', 'hour'],
  ['m', 'minute'],
  ['s', 'second'],
];

/** A short human form of a duration: the largest unit that divides it exactly, e.g. `30 days`, `90 seconds`. */
export function formatDuration(ms: number): string {
  for (const [unit, name] of NAMES) {
    const size = UNIT_MS[unit];
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}

export const DURATION_HINT = 'a whole number followed by s, m, h, d or w (for example 12h or 30d)';
