/**
 * Policy decisions that depend on who is asking: which vendors and roles they may request, whether their
 * request is approved by policy, and whether anyone else can approve it at all. Group membership is read from
 * Slack (briefly cached) at the moment of asking.
 */
import { includes } from '../../policies/resolve';
import type { Principals, ResolvedPolicy } from '../../policies/types';
import type { GroupDirectory } from '../groups';
import type { RequestCatalog } from './catalog';

/** Whether this person may request a vendor and role. */
export type Access = (vendorKey: string, role: string) => boolean;

export async function accessFor(catalog: RequestCatalog, groups: GroupDirectory, userId: string): Promise<Access> {
  const requesterGroups = catalog.policies.overrides.flatMap((o) => o.requesters?.groups ?? []);
  const members = await groups.membersOf(requesterGroups);
  return (vendorKey, role) => {
    const { requesters } = catalog.policyFor(vendorKey, role);
    return !requesters || includes(requesters, userId, members);
  };
}

/** The user or group through which the policy approves this requester without an approver, if any. */
export async function autoApprovalVia(
  policy: ResolvedPolicy,
  groups: GroupDirectory,
  userId: string,
): Promise<string | undefined> {
  const { autoApprove } = policy.approvals;
  if (autoApprove.users.includes(userId)) return userId;
  return groups.groupOf(userId, autoApprove.groups);
}

/**
 * Why nobody could approve this request (fewer eligible approvers than the quorum, once the requester is
 * left out), or undefined when it can be decided. Checked before starting, so a request never waits for nobody.
 */
export async function approvalDeadlock(
  policy: ResolvedPolicy,
  groups: GroupDirectory,
  requester: string,
): Promise<string | undefined> {
  const { approvers, approvalsRequired, allowSelfApproval } = policy.approvals;
  const eligible = await everyone(approvers, groups);
  if (!allowSelfApproval) eligible.delete(requester);
  if (eligible.size >= approvalsRequired) return undefined;
  return (
    `This request needs ${approvalsRequired} approval${approvalsRequired === 1 ? '' : 's'}, but only ` +
    `${eligible.size} approver${eligible.size === 1 ? '' : 's'} other than you can give one right now ` +
    `(policy: ${policy.source}). Ask an admin to add approvers; nothing was started.`
  );
}

async function everyone(principals: Principals, groups: GroupDirectory): Promise<Set<string>> {
  const byGroup = await groups.membersOf(principals.groups);
  return new Set([...principals.users, ...[...byGroup.values()].flatMap((members) => [...members])]);
}
