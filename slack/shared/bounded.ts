/**
 * The acknowledgement rule every listener follows: Slack wants an answer within 3 seconds, so nothing unbounded
 * is awaited before `ack()`. Work that must come first (a workflow start, so "received" is only said once it is
 * true) is raced against a budget; work that may come after is followed, and the person told when it lands.
 */

/** A piece of work that finished within its budget, or is still running (and may yet finish or fail). */
export type Bounded<T> = { settled: true; value: T } | { settled: false; pending: Promise<T> };

/**
 * Waits for `work` at most `ms`. A rejection within the budget rejects; a late one is left on `pending`, which
 * is already marked handled so a caller that lets it go never causes an unhandled rejection.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<Bounded<T>> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Bounded<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false, pending: work }), ms);
  });
  try {
    return await Promise.race([work.then((value): Bounded<T> => ({ settled: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is left of a budget that ends at `deadline` (epoch ms); never negative. */
export function remaining(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}
