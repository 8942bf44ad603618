/**
 * Automox's playbooks, plain data. Service-user mode is fully automated; invite mode invites the requester as a
 * read-only user, waits for them to accept, and has them create their own key (Automox lets only a key's owner
 * create it), which is then checked by API. Both revoke by API: disable, delete, prove the key is refused.
 */
import type { PlaybookStep, VendorPlaybooks } from '../../workflows/types';

/** How often the invitation is checked while it waits; reminders follow the vendor's `remind_every`. */
export const INVITATION_POLL_MS = 60_000;

const revoke: PlaybookStep[] = [
  { kind: 'call', action: 'disableKey', title: 'Disable the API key' },
  { kind: 'call', action: 'deleteKey', title: 'Delete the API key' },
  { kind: 'verify', check: 'keyRefused', title: 'Check the old key is refused' },
];

/** No `email=`: mint, reveal and prove a key of the dedicated read-only user. */
export const automoxServiceUserPlaybooks: VendorPlaybooks = {
  provision: [
    { kind: 'call', action: 'checkKeyCapacity', title: 'Check there is room for another key' },
    { kind: 'call', action: 'createServiceKey', title: 'Create the API key' },
    { kind: 'verify', check: 'keyAuthenticates', title: 'Check the new key signs in' },
  ],
  revoke,
};

/** With `email=`: invite, wait for acceptance, guide the person's own key, check what they paste. */
export const automoxInvitePlaybooks: VendorPlaybooks = {
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
  revoke,
};
