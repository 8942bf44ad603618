import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** A short, user-safe reason for a failure: the innermost application message, never a stack trace. */
export function failureReason(error: unknown): string {
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  if (current instanceof ApplicationFailure) return current.message;
  return 'an unexpected error occurred';
}
