/**
 * Load-time checks of the configured policies against the configured vendors: entries that point at nothing or
 * collide, and policies that could never work — alone, or once an entry is merged over the defaults (a default
 * TTL above its maximum, a reminder after expiry, a quorum nobody can reach). The loader calls only
 * `policyProblems`, so it gets every problem at once; each starts with its path in `keywarden.yaml` and says what
 * to change, so an admin can fix them all in one edit. The entries are checked here; whether the policies they
 * make can work is left to `rule-reports.ts`.
 */
import { ruleProblems } from './rule-reports';
import type { Policies, PolicyOverride } from './types';
import { entryPath } from './wording';

/** What the checks need to know of a configured vendor. */
export interface VendorPolicyFacts {
  roles: readonly string[];
  /** Whether some step of the vendor is done by an operator, whom an entry's `operator` would replace. */
  hasOperatorSteps: boolean;
}

/** Every problem, as `policies.2.roles.0: …` (the loader prefixes the file's path). */
export function policyProblems(policies: Policies, vendors: Record<string, VendorPolicyFacts>): string[] {
  return [...entryProblems(policies.overrides, vendors), ...ruleProblems(policies, vendors)];
}

// ---------------------------------------------------------------------------------------------------------------
// Entries: does each one name something that exists, and is it the only one for its vendor or role?

function entryProblems(overrides: readonly PolicyOverride[], vendors: Record<string, VendorPolicyFacts>): string[] {
  return overrides.flatMap((entry, position) => {
    const vendor = Object.hasOwn(vendors, entry.vendor) ? vendors[entry.vendor] : undefined;
    if (!vendor) return [unknownVendor(entry, Object.keys(vendors))];
    return [
      ...unofferedRoles(entry, vendor),
      ...collisions(entry, overrides.slice(0, position)),
      ...(entry.operator && !vendor.hasOperatorSteps ? [needlessOperator(entry)] : []),
    ];
  });
}

function unknownVendor(entry: PolicyOverride, configured: readonly string[]): string {
  return (
    `${entryPath(entry)}.vendor: "${entry.vendor}" is not a configured vendor; ` +
    `use one of the names under vendors: ${configured.join(', ')}`
  );
}

function unofferedRoles(entry: PolicyOverride, vendor: VendorPolicyFacts): string[] {
  return (entry.roles ?? []).flatMap((role, index) =>
    vendor.roles.includes(role)
      ? []
      : [
          `${entryPath(entry)}.roles.${index}: ${entry.vendor} does not offer the role "${role}"; ` +
            `use one of its roles (vendors.${entry.vendor}.roles): ${vendor.roles.join(', ')}`,
        ],
  );
}

/** Only the first entry for a vendor (or vendor and role) applies, so a later one would be silently ignored. */
function collisions(entry: PolicyOverride, earlier: readonly PolicyOverride[]): string[] {
  const sameVendor = earlier.filter((other) => other.vendor === entry.vendor);
  if (!entry.roles) {
    const vendorWide = sameVendor.find((other) => !other.roles);
    if (!vendorWide) return [];
    return [
      `${entryPath(entry)}: ${vendorWide.label} already covers every role of ${entry.vendor}, and only the first ` +
        `such entry applies: merge the two entries, or give one of them roles`,
    ];
  }
  return entry.roles.flatMap((role, index) => {
    const first = sameVendor.find((other) => other.roles?.includes(role));
    if (!first) return [];
    return [
      `${entryPath(entry)}.roles.${index}: ${entry.vendor} ${role} already has an entry, ${first.label}, and only ` +
        `the first applies: merge the two entries, or remove ${role} from one of them`,
    ];
  });
}

function needlessOperator(entry: PolicyOverride): string {
  return (
    `${entryPath(entry)}.operator: ${entry.vendor} has no steps done by an operator, so nobody here would ever ` +
    `be asked; remove operator from this entry`
  );
}
