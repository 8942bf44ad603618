/**
 * Automox as a Keywarden vendor, in two modes chosen by the request's fields (see `definition.ts`): integration
 * mode mints keys for a named integration's dedicated read-only user; invite mode invites the requester, who makes
 * their own key. Every step is idempotent: keys are found by the name `keywarden-<generationId>` before anything
 * is created, a repeated invitation is fine, and a key or user that is already gone counts as revoked.
 */
import type { Dispatcher } from 'undici';
import type { StepInput, VendorAdapter } from '../types';
import { AutomoxAccounts } from './accounts';
import { AutomoxClient } from './client';
import type { AutomoxConnection } from './config';
import { BootstrapKeys } from './holders';
import { createOwnKeyInstructions } from './instructions';
import { integrationSteps } from './integration';
import { inviteSteps } from './invite';
import { inviteRevokeSteps } from './invite-revoke';
import { isInviteMode } from './names';
import { integrationRevokeSteps } from './revoke';

/** Builds the adapter for one configured Automox connection; `dispatcher` lets tests and proxies route HTTP. */
export function createAutomoxAdapter(key: string, connection: AutomoxConnection, dispatcher?: Dispatcher) {
  const client = new AutomoxClient(connection.baseUrl, dispatcher);
  const accounts = new AutomoxAccounts(connection.baseUrl, dispatcher);
  const integration = integrationSteps(client, connection, new BootstrapKeys(client, connection.orgId));
  const invite = inviteSteps(client, accounts, connection);
  const byIntegration = integrationRevokeSteps(client, connection, integration.survey);
  const byInvite = inviteRevokeSteps(client, accounts, connection);
  /** The revoke steps both modes name run the request's own mode. */
  const eitherMode =
    <R>(run: (steps: typeof byIntegration) => (input: StepInput) => Promise<R>) =>
    (input: StepInput): Promise<R> =>
      run(isInviteMode(input.fields) ? byInvite : byIntegration)(input);
  return {
    key,
    displayName: connection.displayName,
    roles: connection.roles,
    actions: {
      checkKeyCapacity: integration.checkKeyCapacity,
      createServiceKey: integration.createServiceKey,
      inviteUser: invite.inviteUser,
      disableKey: eitherMode((s) => s.disableKey),
      deleteKey: eitherMode((s) => s.deleteKey),
      removeInvitedUser: byInvite.removeInvitedUser,
    },
    checks: {
      keyAuthenticates: integration.keyAuthenticates,
      pastedKeyValid: invite.pastedKeyValid,
      keyRefused: eitherMode((s) => s.keyRefused),
      invitedUserRemoved: byInvite.invitedUserRemoved,
    },
    conditions: { invitationAccepted: invite.invitationAccepted },
    tasks: { createOwnKey: (input) => createOwnKeyInstructions(input) },
  } satisfies VendorAdapter;
}
