/**
 * Automox as a Keywarden vendor, in two modes chosen by the request's fields (see `definition.ts`): service-user
 * mode mints keys for a dedicated read-only user; invite mode invites the requester, who makes their own key.
 * Every step is idempotent: keys are found by the name `keywarden-<credentialId>` before anything is created,
 * a repeated invitation is fine, and a key that is already gone counts as revoked.
 */
import type { Dispatcher } from 'undici';
import type { VendorAdapter } from '../types';
import { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { createOwnKeyInstructions } from './instructions';
import { inviteSteps } from './invite';
import { revokeSteps } from './revoke';
import { serviceUserSteps } from './service-user';

/** Builds the adapter for one configured Automox connection; `dispatcher` lets tests and proxies route HTTP. */
export function createAutomoxAdapter(
  key: string,
  connection: AutomoxConnection,
  dispatcher?: Dispatcher,
): VendorAdapter {
  const client = new AutomoxClient(connection.baseUrl, dispatcher);
  const service = serviceUserSteps(client, connection);
  const invite = inviteSteps(client, connection);
  const revoke = revokeSteps(client, connection);
  return {
    key,
    displayName: connection.displayName,
    roles: connection.roles,
    actions: {
      checkKeyCapacity: service.checkKeyCapacity,
      createServiceKey: service.createServiceKey,
      inviteUser: invite.inviteUser,
      disableKey: revoke.disableKey,
      deleteKey: revoke.deleteKey,
    },
    checks: {
      keyAuthenticates: service.keyAuthenticates,
      pastedKeyValid: invite.pastedKeyValid,
      keyRefused: revoke.keyRefused,
    },
    conditions: { invitationAccepted: invite.invitationAccepted },
    tasks: { createOwnKey: (input) => createOwnKeyInstructions(input) },
  };
}
