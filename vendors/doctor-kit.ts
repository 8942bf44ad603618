/**
 * What `keywarden doctor` reports about one vendor connection: read-only checks, one line each, with the fix.
 * Each vendor folder exports a `diagnose…(connection, dispatcher)` built from `runCheck`; `vendors/doctor.ts`
 * picks the one for a connection's type. A check never creates, changes or deletes anything at the vendor, and
 * never puts a secret into `detail` or `fix`.
 */
import { VendorError, type VendorErrorCode } from './errors';

export interface DoctorCheck {
  /** What was checked, e.g. "the admin key authenticates". */
  what: string;
  ok: boolean;
  /** What was found, safe to print. */
  detail?: string;
  /** What to do about a failure. */
  fix?: string;
  /**
   * The failure may clear by itself (the vendor unreachable or rate limiting): start-up warns and goes on, so one
   * vendor's outage never stops Keywarden from revoking keys at the others. `npm run doctor` still fails on it.
   */
  transient?: boolean;
}

/** A check's verdict when the vendor answered but the answer is wrong for Keywarden. */
export class DoctorFailure extends Error {
  constructor(
    readonly detail: string,
    readonly fix: string,
  ) {
    super(detail);
    this.name = 'DoctorFailure';
  }
}

/** The fix for a vendor error, by code; unknown codes fall back to `fallback`. */
export type FixesByCode = Partial<Record<VendorErrorCode, string>>;

const TRANSIENT: ReadonlySet<VendorErrorCode> = new Set(['unavailable', 'rate_limited']);

/**
 * Runs one check. `run` returns what it found (the detail of a passing check) or throws `DoctorFailure`; a
 * `VendorError` becomes a failed check with the vendor's message and the fix for its code. Anything else is a
 * bug in the check and is rethrown.
 */
export async function runCheck(
  what: string,
  fixes: FixesByCode & { default: string },
  run: () => Promise<string>,
): Promise<DoctorCheck> {
  try {
    return { what, ok: true, detail: await run() };
  } catch (error) {
    if (error instanceof DoctorFailure) return { what, ok: false, detail: error.detail, fix: error.fix };
    if (error instanceof VendorError) {
      const transient = TRANSIENT.has(error.code);
      return {
        what,
        ok: false,
        detail: error.message,
        fix:
          fixes[error.code] ??
          (transient
            ? 'the vendor could not be reached or is rate limiting; run the doctor again later'
            : fixes.default),
        ...(transient ? { transient } : {}),
      };
    }
    throw error;
  }
}

/** A check that could not run because an earlier one failed (e.g. no admin token), so it is not reported as passed. */
export function skipped(what: string, because: string): DoctorCheck {
  return { what, ok: false, detail: `not checked: ${because}`, fix: 'fix the check above first' };
}
