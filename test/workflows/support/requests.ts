/**
 * Requests and credentials as the bot would hand them to the workflows, for a vendor served by `StubVendor`.
 * Durations are real ones (hours, days, months): the test server skips time.
 */
import type { Credential, CredentialRequest, RequestPolicy, VendorPlaybooks } from '../../../workflows/types';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const REQUESTER = 'UREQ';
export const ADMIN = 'UADMIN';
export const VENDOR_KEY = 'stubvendor';

/** A vendor with an API for everything: create and prove, delete and prove refused. */
export const API_PLAYBOOKS: VendorPlaybooks = {
  provision: [
    { kind: 'call', action: 'createKey', title: 'Create the key' },
    { kind: 'verify', check: 'keyWorks', title: 'Check the key signs in' },
  ],
  revoke: [
    { kind: 'call', action: 'deleteKey', title: 'Delete the key' },
    { kind: 'verify', check: 'keyRefused', title: 'Check the key is refused' },
  ],
};

/** A vendor without an API for keys: an operator makes the key and hands it back; the API proves it. */
export const HUMAN_PLAYBOOKS: VendorPlaybooks = {
  provision: [
    { kind: 'task', task: 'createKey', title: 'Create the key', assignee: 'operator', returnsSecret: true },
    { kind: 'verify', check: 'keyWorks', title: 'Check the key signs in', retryTask: true },
  ],
  revoke: API_PLAYBOOKS.revoke,
};

/** Invite the requester, wait until they accept, then create their key by API. */
export const INVITE_PLAYBOOKS: VendorPlaybooks = {
  provision: [
    { kind: 'call', action: 'invite', title: 'Invite the requester' },
    {
      kind: 'await',
      condition: 'invitationAccepted',
      title: 'Accept the invitation',
      assignee: 'requester',
      pollEveryMs: 6 * HOUR,
    },
    ...API_PLAYBOOKS.provision,
  ],
  revoke: API_PLAYBOOKS.revoke,
};

export function policy(overrides: Partial<RequestPolicy> = {}): RequestPolicy {
  return {
    approvalChannel: 'CAPPROVALS',
    approvers: ['UALICE', 'UBOB', 'UCAROL'],
    admins: [ADMIN],
    approvalsRequired: 1,
    allowSelfApproval: false,
    pendingTimeoutMs: 2 * DAY,
    revealWithinMs: 2 * DAY,
    lifecycle: {
      maxTtlMs: 365 * DAY,
      reminderOffsetsMs: [],
      rotationOverlapMs: DAY,
      historyEventLimit: 10_000,
      livenessCheckMs: 400 * DAY,
      extendRequiresApproval: false,
    },
    ...overrides,
  };
}

let counter = 0;

export function request(
  overrides: Partial<Omit<CredentialRequest, 'playbooks'>> & { playbooks?: VendorPlaybooks } = {},
): CredentialRequest {
  return {
    requestId: `r${Date.now().toString(36)}${++counter}`,
    vendor: { key: VENDOR_KEY, displayName: 'Stub Vendor' },
    role: 'readonly',
    ttlMs: 30 * DAY,
    purpose: 'SIEM ingestion',
    fields: {},
    requester: { userId: REQUESTER, channelId: 'CREQ' },
    requestedAt: new Date(0).toISOString(),
    policy: policy(),
    playbooks: API_PLAYBOOKS,
    ...overrides,
  };
}

/**
 * A credential as the request workflow hands it over at delivery (`now` is the test server's time), with its
 * first key already made at the stub vendor by the caller.
 */
export function deliveredCredential(req: CredentialRequest, now: number): Credential {
  const at = new Date(now).toISOString();
  return {
    credentialId: req.requestId,
    request: req,
    current: {
      generationId: req.requestId,
      generation: 1,
      ref: { keyName: req.requestId },
      secret: { sealed: `sealed:${req.requestId}` },
      deliveredAt: at,
      offered: false,
      revealed: false,
    },
    retiring: [],
    firstDeliveredAt: at,
    expiresAt: new Date(now + req.ttlMs).toISOString(),
    remindedAt: [],
    remindersOff: false,
    timeline: [],
  };
}
