/**
 * Every Slack user group `keywarden.yaml` names, and where. A mistyped group id would otherwise surface only
 * when a request waits forever for approvers nobody can be; the doctor (`server/doctor/slack-checks.ts`) asks Slack about each
 * one at start-up.
 */
import type { VendorConnection } from '../vendors/config';
import type { ApprovalRules, Policies, Principals } from './types';
import { entryPath } from './wording';

const APPROVAL_GROUP_KEYS = {
  approvers: 'approvers',
  autoApprove: 'auto_approve',
  escalateTo: 'escalate_to',
} as const satisfies Partial<Record<keyof ApprovalRules, string>>;

/** Group id → the paths in `keywarden.yaml` that name it. */
export function groupsNamed(config: {
  policies: Policies;
  vendors: Readonly<Record<string, VendorConnection>>;
}): Map<string, string[]> {
  const named = new Map<string, string[]>();
  const add = (principals: Principals | undefined, path: string) => {
    for (const group of principals?.groups ?? []) named.set(group, [...(named.get(group) ?? []), path]);
  };
  const { policies } = config;
  for (const [key, name] of Object.entries(APPROVAL_GROUP_KEYS)) {
    add(policies.approvals[key as keyof typeof APPROVAL_GROUP_KEYS], `approvals.${name}`);
  }
  for (const entry of policies.overrides) {
    const at = entryPath(entry);
    for (const [key, name] of Object.entries(APPROVAL_GROUP_KEYS)) {
      add(entry.approvals[key as keyof typeof APPROVAL_GROUP_KEYS], `${at}.approvals.${name}`);
    }
    add(entry.requesters, `${at}.requesters`);
    add(entry.operator, `${at}.operator`);
  }
  for (const [key, connection] of Object.entries(config.vendors)) {
    if ('humanSteps' in connection) add(connection.humanSteps?.operators, `vendors.${key}.human_steps.operator`);
  }
  return named;
}
