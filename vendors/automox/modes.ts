/**
 * What each mode needs from the connection. A request can name a mode or integration this connection no longer
 * configures (the config changed while it ran), so that is reported as a clear, non-retryable error.
 */
import { VendorError } from '../errors';
import type { StepInput } from '../types';
import type { AutomoxConnection, AutomoxIntegration, AutomoxInvite } from './config';

/** The vendor name in `VendorError` details. */
export const VENDOR = 'Automox';

/** What to do when Automox refuses a user its own keys (403 on create or decrypt). */
export const GRANT_KEY_MANAGE =
  'give that Automox user a role with the "Personal API Key: Manage" permission (Settings → Roles), then ask again';

/**
 * The integration a request names. Requests made before integrations existed carry no `integration=`; their
 * recorded user id finds the integration now configured for that user, so they can still be revoked.
 */
export function integrationOf(connection: AutomoxConnection, input: StepInput): AutomoxIntegration {
  const named = input.fields.integration;
  const integrations = Object.values(connection.integrations);
  const found = named
    ? connection.integrations[named]
    : integrations.find((i) => String(i.userId) === input.ref.userId);
  if (found) return found;
  const names = integrations.map((i) => i.name).join(', ') || 'none';
  if (named) {
    throw new VendorError(
      'needs_admin',
      `${connection.displayName} has no integration ${named} any more (configured: ${names}); an admin must restore ` +
        `it in keywarden.yaml or revoke the credential's key keywarden-${input.credentialId} by hand`,
      { vendor: VENDOR },
    );
  }
  throw new VendorError(
    'needs_admin',
    `this ${connection.displayName} credential names no integration and its Automox user ` +
      `${input.ref.userId ?? '(unknown)'} is not a configured integration (configured: ${names}); an Automox admin ` +
      `must revoke its key keywarden-${input.credentialId} by hand`,
    { vendor: VENDOR },
  );
}

/** The invite settings, or a clear `invalid_request` when this connection has none. */
export function inviteOf(connection: AutomoxConnection): AutomoxInvite {
  if (connection.invite) return connection.invite;
  const names = Object.keys(connection.integrations).join(', ');
  throw new VendorError(
    'invalid_request',
    `${connection.displayName} is not configured to invite people; ask with integration=<name> (${names}) instead`,
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
