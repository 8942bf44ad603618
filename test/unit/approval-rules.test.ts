/**
 * Who may decide and when a request is decided (the rules the workflow's update validator applies), and the
 * policy snapshot a request carries: approver groups, quorum, self-approval, auto-approval, operator override.
 */
import { requestPolicy, type CatalogVendor } from '../../slack/requests/catalog';
import type { ResolvedPolicy } from '../../policies/types';
import { outcome, refuseDecision } from '../../workflows/approval-rules';
import type { CredentialRequest, Decision, RequestState } from '../../workflows/types';

const HOUR = 3_600_000;

const resolved: ResolvedPolicy = {
  approvals: {
    channel: 'CAPPROVALS',
    approvers: { users: ['UALICE', 'UBOB', 'UREQ'], groups: ['SSEC'] },
    approvalsRequired: 2,
    allowSelfApproval: false,
    autoApprove: { users: [], groups: [] },
    pendingTimeoutMs: 24 * HOUR,
    remindEveryMs: 4 * HOUR,
    escalateAfterMs: 12 * HOUR,
    escalateTo: { users: ['UADMIN'], groups: ['SLEADS'] },
  },
  credentials: {
    defaultTtlMs: 24 * HOUR,
    maxTtlMs: 72 * HOUR,
    revealWithinMs: HOUR,
    reminderOffsetsMs: [HOUR],
    rotationOverlapMs: HOUR,
    historyEventLimit: 10_000,
    livenessCheckMs: 6 * HOUR,
    extendRequiresApproval: false,
  },
  operator: { users: ['UOPS2'], groups: [] },
  source: 'policies.1 (ncentral read-only)',
};

const vendor = {
  key: 'ncentral',
  displayName: 'N-able N-central',
  roles: ['read-only'],
  humanSteps: { operators: { users: ['UOPS'], groups: ['SOPS'] }, remindEveryMs: HOUR, deadlineMs: 3 * HOUR },
} as unknown as CatalogVendor;

function requestWith(overrides: Partial<CredentialRequest> = {}): CredentialRequest {
  return {
    requestId: 'r1',
    vendor: { key: 'ncentral', displayName: 'N-able N-central' },
    role: 'read-only',
    ttlMs: HOUR,
    purpose: 'Inventory',
    fields: {},
    requester: { userId: 'UREQ', channelId: 'CREQ' },
    requestedAt: new Date(0).toISOString(),
    policy: requestPolicy(resolved, vendor, ['UADMIN']),
    playbooks: { provision: [], revoke: [] },
    ...overrides,
  };
}

const pending = (decisions: Decision[] = []): RequestState => ({
  requestId: 'r1',
  status: 'pending',
  decisions,
  pendingExpiresAt: new Date(HOUR).toISOString(),
});

test('the snapshot carries groups, quorum, reminders, escalation, and the policy operator instead of the vendor one', () => {
  const policy = requestPolicy(resolved, vendor, ['UADMIN']);
  expect(policy).toMatchObject({
    approvalChannel: 'CAPPROVALS',
    approvers: ['UALICE', 'UBOB', 'UREQ'],
    approverGroups: ['SSEC'],
    approvalsRequired: 2,
    remindEveryMs: 4 * HOUR,
    escalation: { afterMs: 12 * HOUR, users: ['UADMIN'], groups: ['SLEADS'] },
    source: 'policies.1 (ncentral read-only)',
    humanSteps: { operators: { users: ['UOPS2'], groups: [] }, remindEveryMs: HOUR, deadlineMs: 3 * HOUR },
    lifecycle: { maxTtlMs: 72 * HOUR },
  });
});

test('an approver group counts only when the bot found the clicker in one of the policy groups', () => {
  const request = requestWith();
  expect(refuseDecision(request, pending(), { kind: 'approve', userId: 'UERIN' })).toContain('Only the approvers');
  expect(refuseDecision(request, pending(), { kind: 'approve', userId: 'UERIN', viaGroup: 'SOTHER' })).toContain(
    'Only the approvers',
  );
  expect(refuseDecision(request, pending(), { kind: 'approve', userId: 'UERIN', viaGroup: 'SSEC' })).toBeUndefined();
});

test('self-approval is refused unless the policy allows it', () => {
  const decision: Decision = { kind: 'approve', userId: 'UREQ' };
  expect(refuseDecision(requestWith(), pending(), decision)).toContain('your own request');
  const lenient = requestWith();
  lenient.policy = { ...lenient.policy, allowSelfApproval: true };
  expect(refuseDecision(lenient, pending(), decision)).toBeUndefined();
});

test('N of M: one approval is not enough for two, a repeated vote is refused, any denial decides', () => {
  const request = requestWith();
  const alice: Decision = { kind: 'approve', userId: 'UALICE' };
  expect(outcome(request, [alice])).toBeUndefined();
  expect(refuseDecision(request, pending([alice]), alice)).toContain('already recorded');
  expect(outcome(request, [alice, { kind: 'approve', userId: 'UBOB' }])).toBe('approve');
  expect(outcome(request, [alice, { kind: 'deny', userId: 'UBOB', reason: 'no' }])).toBe('deny');
});

test('an auto-approved request is decided without anyone', () => {
  expect(outcome(requestWith({ autoApproval: { via: 'SSOC' } }), [])).toBe('approve');
});
