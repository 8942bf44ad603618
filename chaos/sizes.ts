/**
 * How big a chaos run is: `KW_CHAOS=full` (`npm run chaos`) runs the sizes; otherwise the reduced CI
 * variant runs (about a minute or two), with the same scenarios and checks.
 */
export interface ChaosSizes {
  full: boolean;
  r1: { requests: number; kills: number; burst: number };
  r2: { requests: number; serverStops: number; burst: number };
  /** Vendor fault rates per call: 503, 429 with Retry-After, hang. */
  r3: { requests: number; rates: { unavailable: number; rateLimited: number; hang: number } };
  r4: { requests: number };
  r6: { inputs: number };
  /** The most any one scenario may take once its chaos is over, waiting for its requests to complete. */
  settleMs: number;
}

const FULL: ChaosSizes = {
  full: true,
  r1: { requests: 100, kills: 20, burst: 10 },
  r2: { requests: 30, serverStops: 3, burst: 5 },
  r3: { requests: 30, rates: { unavailable: 0.3, rateLimited: 0.1, hang: 0.05 } },
  r4: { requests: 30 },
  r6: { inputs: 10_000 },
  settleMs: 300_000,
};

const CI: ChaosSizes = {
  full: false,
  r1: { requests: 10, kills: 3, burst: 2 },
  r2: { requests: 5, serverStops: 1, burst: 5 },
  // At the full rates an activity of three calls fails about four attempts in five, and Temporal's backoff (2 s
  // doubling to 2 minutes) makes a request take minutes: too long and too variable for CI (see the README).
  r3: { requests: 5, rates: { unavailable: 0.1, rateLimited: 0.1, hang: 0.02 } },
  r4: { requests: 5 },
  r6: { inputs: 300 },
  settleMs: 120_000,
};

// Only this entry point's own flag (STYLE: scripts under a bench/sandbox entry read their own flags).
export const chaosSizes = (flag = process.env.KW_CHAOS): ChaosSizes => (flag === 'full' ? FULL : CI);
