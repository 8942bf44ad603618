/**
 * What each mode needs from the connection. A request can name a mode this connection does not configure (the
 * pure definition cannot know), so that is reported as a clear, non-retryable error rather than a crash.
 */
import { VendorError } from '../errors';
import type { AutomoxConnection, AutomoxInvite, AutomoxServiceUser } from './config';

/** The vendor name in `VendorError` details. */
export const VENDOR = 'Automox';

/** The service-user settings, or a clear `invalid_request` when this connection has none. */
export function serviceUserOf(connection: AutomoxConnection): AutomoxServiceUser {
  if (connection.serviceUser) return connection.serviceUser;
  throw new VendorError(
    'invalid_request',
    `${connection.displayName} has no service user configured; ask for it with email=<your address> instead`,
    { vendor: VENDOR },
  );
}

/** The invite settings, or a clear `invalid_request` when this connection has none. */
export function inviteOf(connection: AutomoxConnection): AutomoxInvite {
  if (connection.invite) return connection.invite;
  throw new VendorError(
    'invalid_request',
    `${connection.displayName} is not configured to invite people; ask for it without email=`,
    { vendor: VENDOR },
  );
}

/** The invited person's address; invite-mode steps only run for requests that carry one. */
export function emailOf(fields: Readonly<Record<string, string>>): string {
  const email = fields.email;
  if (email) return email;
  throw new VendorError('invalid_request', 'this Automox step needs the email= field', { vendor: VENDOR });
}

/** Whether `error` is a `VendorError` with `code`. */
export function isVendorError(error: unknown, code: VendorError['code']): error is VendorError {
  return error instanceof VendorError && error.code === code;
}
