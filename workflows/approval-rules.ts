/**
 * Who may decide a request, and when it is decided. Pure functions: the workflow's update validator and the
 * bot's pre-checks (before opening a deny modal) apply the same rules.
 */
import { principalMention } from './mentions';
import type { CredentialRequest, Decision, DecisionKind, RequestState } from './types';

/** Why this decision cannot be accepted, or undefined when it can. */
export function refuseDecision(
  request: CredentialRequest,
  state: RequestState,
  decision: Decision,
): string | undefined {
  if (state.status !== 'pending') return closedMessage(state);
  if (!isApprover(request, decision)) {
    return `Only the approvers for ${request.vendor.displayName} (${approverNames(request)}) can decide this request.`;
  }
  if (decision.userId === request.requester.userId && !request.policy.allowSelfApproval) {
    return 'You cannot decide your own request; another approver has to.';
  }
  if (state.decisions.some((d) => d.userId === decision.userId)) {
    return 'You have already recorded your decision on this request.';
  }
  if (decision.kind === 'deny' && !decision.reason?.trim()) return 'A denial needs a reason.';
  return undefined;
}

/** Named directly, or found by the bot in one of the policy's approver groups at the moment of the click. */
function isApprover(request: CredentialRequest, decision: Decision): boolean {
  const { approvers, approverGroups = [] } = request.policy;
  return approvers.includes(decision.userId) || (!!decision.viaGroup && approverGroups.includes(decision.viaGroup));
}

/** `<@U1>, <!subteam^S1>`: the approvers as Slack shows them. */
export function approverNames(request: CredentialRequest): string {
  const { approvers, approverGroups = [] } = request.policy;
  return [...approvers, ...approverGroups].map(principalMention).join(', ');
}

/** Approvals recorded so far, and how many are needed. */
export function approvalCount(
  request: CredentialRequest,
  decisions: readonly Decision[],
): { have: number; need: number } {
  return { have: decisions.filter((d) => d.kind === 'approve').length, need: request.policy.approvalsRequired };
}

/**
 * Who `/keys pending` shows an undecided request to: its approvers (groups by id; a person is looked up by their
 * own id and their groups'), minus the requester unless they may approve their own request, minus anyone who
 * has already decided.
 */
export function waitingOnApprovers(
  { policy, requester }: CredentialRequest,
  decisions: readonly Decision[] = [],
): string[] {
  const decided = new Set(decisions.map((d) => d.userId));
  const users = policy.approvers.filter((u) => !decided.has(u) && (policy.allowSelfApproval || u !== requester.userId));
  return [...users, ...(policy.approverGroups ?? [])];
}

/** The outcome once enough approvers agree, or any one denies; undefined while still pending. */
export function outcome(request: CredentialRequest, decisions: readonly Decision[]): DecisionKind | undefined {
  if (decisions.some((d) => d.kind === 'deny')) return 'deny';
  if (request.autoApproval) return 'approve';
  const { have, need } = approvalCount(request, decisions);
  return have >= need ? 'approve' : undefined;
}

/** What a late click is told once the request is decided. */
export function closedMessage(state: RequestState): string {
  return `This request is already ${describeStatus(state)}; nothing was changed.`;
}

function describeStatus(state: RequestState): string {
  switch (state.status) {
    case 'denied':
      return 'denied';
    case 'expired':
      return 'expired without a decision';
    case 'failed':
      return 'closed after a failure';
    default:
      return 'approved';
  }
}
