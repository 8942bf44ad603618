/**
 * N-central's rate limits (documented: per endpoint, on both concurrent in-flight requests and calls in a set
 * amount of time), with 429 while over either. Tests can pause an endpoint so requests stay in flight, and fill
 * it up deterministically.
 */
import type { FakeHandler, FakeResponse } from '../../fake-kit/server';

export type OverLimit = 'concurrent' | 'window';

export class ConcurrencyLimits {
  private readonly limits: Map<string, number>;
  private readonly inFlight = new Map<string, number>();
  /** Per route, a promise that paused requests wait on. */
  private readonly pauses = new Map<string, Promise<void>>();
  /** Per route, at most `calls` requests in any `perMs`; `at` holds the times of recent accepted requests. */
  private readonly windows = new Map<string, { calls: number; perMs: number; at: number[] }>();

  constructor(defaults: Readonly<Record<string, number>>) {
    this.limits = new Map(Object.entries(defaults));
  }

  set(route: string, limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
    this.limits.set(route, limit);
  }

  /** Allows at most `calls` requests to `route` in any `perMs`; undefined removes the window. */
  setWindow(route: string, window: { calls: number; perMs: number } | undefined): void {
    if (!window) this.windows.delete(route);
    else this.windows.set(route, { ...window, at: [] });
  }

  /** Requests to `route` being handled right now. */
  count(route: string): number {
    return this.inFlight.get(route) ?? 0;
  }

  /** Holds requests to `route` (they count as in flight) until the returned function is called. */
  pause(route: string): () => void {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.pauses.set(route, released);
    return () => {
      if (this.pauses.get(route) === released) this.pauses.delete(route);
      release();
    };
  }

  /** `handler` behind the limits of `route`; requests over one get `over(which)` at once. */
  wrap(route: string, handler: FakeHandler, over: (which: OverLimit) => FakeResponse): FakeHandler {
    return async (request) => {
      const current = this.count(route);
      if (current >= (this.limits.get(route) ?? Number.POSITIVE_INFINITY)) return over('concurrent');
      if (!this.takeWindowSlot(route)) return over('window');
      this.inFlight.set(route, current + 1);
      try {
        await this.pauses.get(route);
        return await handler(request);
      } finally {
        this.inFlight.set(route, this.count(route) - 1);
      }
    };
  }

  private takeWindowSlot(route: string): boolean {
    const window = this.windows.get(route);
    if (!window) return true;
    const now = Date.now();
    window.at = window.at.filter((at) => now - at < window.perMs);
    if (window.at.length >= window.calls) return false;
    window.at.push(now);
    return true;
  }
}
