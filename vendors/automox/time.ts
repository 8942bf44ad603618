/**
 * Automox timestamps (`2026-08-05T18:21:47+0000`: no colon in the offset) and the calendar days people pick
 * expiries by. Pure code, shared by the client, the fake and the task instructions.
 */

const DAY_MS = 86_400_000;
const TIMESTAMP = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

/** `2026-08-05T18:21:47+0000`, always in UTC, as Automox writes `expires_at`. */
export function formatAutomoxTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/**
 * Epoch milliseconds of an Automox timestamp; also accepts ISO 8601 with `Z` or `+00:00`, and treats a
 * timestamp without an offset as UTC. Undefined when unreadable.
 */
export function parseAutomoxTime(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, day, time, fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${day}T${time}${fraction}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last millisecond of the UTC day holding `ms`. */
export function endOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS - 1;
}

/**
 * The latest expiry accepted for a key a person created by hand for a credential of `ttlMs` starting `now`.
 * They pick a date, not an instant, and the console may read it in their own time zone, so a whole extra day
 * past the end of the suggested UTC day is allowed.
 */
export function latestAcceptedExpiry(now: number, ttlMs: number): number {
  return endOfUtcDay(now + ttlMs) + DAY_MS;
}
