/**
 * Phrasing shared by the entry checks and the rule reports, so every problem about `policies` points at the file
 * and reads the same way whichever check raised it.
 */
import type { PolicyOverride } from './types';

/** `policies.2`, from the entry's label `policies.2 (automox readonly)`, which records where it sits in the file. */
export function entryPath(entry: PolicyOverride): string {
  return entry.label.split(' ', 1)[0] ?? entry.label;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatList(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
