/**
 * Automox's playbooks, plain data. Integration mode is fully automated; invite mode invites the requester as a
 * read-only user, waits for them to accept, and has them create their own key (Automox lets only a key's owner
 * create it), which is then checked by API. Both revoke by API: disable, delete, prove the key is refused.
 * Playbooks are recorded in each request, so a change here only affects new requests: the action and check names
 * below stay valid for requests made before (e.g. `createServiceKey` from the shared-user days).
 */
import type { PlaybookStepOf, PlaybooksFor } from '../define';
import type { createAutomoxAdapter } from './adapter';

/** Playbooks may name only the steps this adapter has (checked by the compiler). */
type AutomoxSteps = ReturnType<typeof createAutomoxAdapter>;

/** How often the invitation is checked while it waits; reminders follow the vendor's `remind_every`. */
export const INVITATION_POLL_MS = 60_000;

const disableAndDelete: PlaybookStepOf<AutomoxSteps>[] = [
  { kind: 'call', action: 'disableKey', title: 'Disable the API key' },
  { kind: 'call', action: 'deleteKey', title: 'Delete the API key' },
];

/** The last verify step is also the credential's liveness probe, so `keyRefused` stays last. */
const keyRefused: PlaybookStepOf<AutomoxSteps> = {
  kind: 'verify',
  check: 'keyRefused',
  title: 'Check the old key is refused',
};

/** `integration=<name>`: mint, reveal and prove a key of that integration's own read-only user. */
export const automoxIntegrationPlaybooks: PlaybooksFor<AutomoxSteps> = {
  provision: [
    { kind: 'call', action: 'checkKeyCapacity', title: 'Check the integration is free and has room for a key' },
    { kind: 'call', action: 'createServiceKey', title: 'Create the API key' },
    { kind: 'verify', check: 'keyAuthenticates', title: "Check the new key reads its own user's keys" },
  ],
  // `deleteKey` also sweeps keys the holder made without Keywarden; `keyRefused` proves none is left.
  revoke: [...disableAndDelete, keyRefused],
};

/** With `email=`: invite, wait for acceptance, guide the person's own key, check what they paste. */
export const automoxInvitePlaybooks: PlaybooksFor<AutomoxSteps> = {
  provision: [
    { kind: 'call', action: 'inviteUser', title: 'Invite you as a read-only user' },
    {
      kind: 'await',
      condition: 'invitationAccepted',
      title: 'Accept the Automox invitation',
      assignee: 'requester',
      pollEveryMs: INVITATION_POLL_MS,
    },
    { kind: 'task', task: 'createOwnKey', title: 'Create your API key', assignee: 'requester', returnsSecret: true },
    { kind: 'verify', check: 'pastedKeyValid', title: 'Check the key you submitted', retryTask: true },
  ],
  // The invited user could mint new keys for themselves, so revocation removes the user too.
  revoke: [
    ...disableAndDelete,
    { kind: 'call', action: 'removeInvitedUser', title: 'Remove the invited Automox user' },
    { kind: 'verify', check: 'invitedUserRemoved', title: 'Check the invited user is gone' },
    keyRefused,
  ],
};
