/**
 * The fake's settings for every behaviour Vectra's public material leaves open (VENDOR-EVIDENCE §3.3). Defaults are
 * the worst documented case, so tests run against the strict variant unless they choose another.
 */
export interface VectraBehaviour {
  /** Status for GET/PUT/DELETE of an unknown appname: no status is documented (400 "not validating" is likely). */
  unknownAppnameStatus: 400 | 404 | 500;
  /** Status for creating a taken appname: undocumented; the spec lists no 409. */
  duplicateStatus: 400 | 409;
  /** `PUT /api-keys/{appname}/regen` without a body is refused with 400 (the spec marks the body required). */
  regenRequiresBody: boolean;
  /** Access tokens minted before a key was deleted or regenerated stay valid until they expire (JWT-like). */
  tokensSurviveDeletion: boolean;
  /** Status of `/auth/token` for a refused key: 401 and 404 are both documented. */
  tokenRefusalStatus: 401 | 404;
  /** `expires_in` of issued access tokens, in seconds (unknown at the real vendor). */
  tokenLifetimeSeconds: number;
}

export const STRICT_BEHAVIOUR: VectraBehaviour = {
  unknownAppnameStatus: 400,
  duplicateStatus: 400,
  regenRequiresBody: true,
  tokensSurviveDeletion: true,
  // Both statuses are documented; 401 is what other test stories expect, and contract tests run both.
  tokenRefusalStatus: 401,
  tokenLifetimeSeconds: 3600,
};

/** The lenient variant the old fake modelled: 404 for unknown keys, 409 for duplicates, tokens die with their key. */
export const LENIENT_BEHAVIOUR: VectraBehaviour = {
  unknownAppnameStatus: 404,
  duplicateStatus: 409,
  regenRequiresBody: false,
  tokensSurviveDeletion: false,
  tokenRefusalStatus: 401,
  tokenLifetimeSeconds: 3600,
};

const NAMES: Record<number, string> = { 400: 'BadRequest', 404: 'NotFound', 409: 'Conflict', 500: 'InternalError' };

/** Vectra's documented error body `{status, name, message}`. */
export function fail(status: number, message: string, name = NAMES[status] ?? 'Error') {
  return { status, body: { status, name, message } };
}
