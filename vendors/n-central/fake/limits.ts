/**
 * N-central's rate limit as VENDORS.md describes it: a cap on concurrent in-flight requests per endpoint, with
 * 429 while over it. Tests can pause an endpoint so requests stay in flight, and fill it up deterministically.
 */
import type { FakeHandler, FakeResponse } from '../../fake-kit/server';

export class ConcurrencyLimits {
  private readonly limits: Map<string, number>;
  private readonly inFlight = new Map<string, number>();
  /** Per route, a promise that paused requests wait on. */
  private readonly pauses = new Map<string, Promise<void>>();

  constructor(defaults: Readonly<Record<string, number>>) {
    this.limits = new Map(Object.entries(defaults));
  }

  set(route: string, limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
    this.limits.set(route, limit);
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

  /** `handler` behind the limit of `route`; requests over it get `over()` at once. */
  wrap(route: string, handler: FakeHandler, over: () => FakeResponse): FakeHandler {
    return async (request) => {
      const current = this.count(route);
      if (current >= (this.limits.get(route) ?? Number.POSITIVE_INFINITY)) return over();
      this.inFlight.set(route, current + 1);
      try {
        await this.pauses.get(route);
        return await handler(request);
      } finally {
        this.inFlight.set(route, this.count(route) - 1);
      }
    };
  }
}
