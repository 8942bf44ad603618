import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** A short, user-safe reason for a failure: the innermost application message, never a stack trace. */
export function failureReason(error: unknown): string {
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  if (current instanceof ApplicationFailure) return current.message;
  return 'an unexpected error occurred';
}

/**
 * Failures only an admin can fix, by the vendor edge's codes (`vendors/errors.ts`): a key at the vendor broader
 * than the request (never handed out), or a vendor setting, credential or password a person must renew.
 */
const ADMIN_MUST_ACT = new Set(['Vendor.scope_mismatch', 'Vendor.needs_admin']);

/** Whether the admins must hear of this failure (beyond the requester and the approval thread). */
export function adminMustAct(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  return current instanceof ApplicationFailure && ADMIN_MUST_ACT.has(current.type ?? '');
}
