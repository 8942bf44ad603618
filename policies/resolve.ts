/** Merges the configured policies for one vendor and role: defaults, then the vendor entry, then the role entry. */
import type { Policies, PolicyOverride, ResolvedPolicy } from './types';

export function resolvePolicy(policies: Policies, vendor: string, role: string): ResolvedPolicy {
  const applicable = [
    policies.overrides.find((o) => o.vendor === vendor && o.roles === undefined),
    policies.overrides.find((o) => o.vendor === vendor && o.roles?.includes(role)),
  ].filter((o): o is PolicyOverride => o !== undefined);
  let resolved: ResolvedPolicy = {
    approvals: policies.approvals,
    credentials: policies.credentials,
    source: 'defaults',
  };
  for (const override of applicable) {
    resolved = {
      approvals: { ...resolved.approvals, ...definedOnly(override.approvals) },
      credentials: { ...resolved.credentials, ...definedOnly(override.credentials) },
      ...(override.requesters ? { requesters: override.requesters } : pick(resolved, 'requesters')),
      ...(override.operator ? { operator: override.operator } : pick(resolved, 'operator')),
      ...(override.destinations ? { destinations: override.destinations } : pick(resolved, 'destinations')),
      source: override.label,
    };
  }
  return resolved;
}

/** Whether a person is named directly or through one of the groups (members given per group id). */
export function includes(
  principals: { users: readonly string[]; groups: readonly string[] },
  userId: string,
  groupMembers: ReadonlyMap<string, ReadonlySet<string>>,
): boolean {
  return principals.users.includes(userId) || principals.groups.some((group) => groupMembers.get(group)?.has(userId));
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function pick<K extends 'requesters' | 'operator' | 'destinations'>(
  resolved: ResolvedPolicy,
  key: K,
): Pick<ResolvedPolicy, K> {
  return (resolved[key] ? { [key]: resolved[key] } : {}) as Pick<ResolvedPolicy, K>;
}
