/** What a requester may ask for and under which policy, derived once from the configuration. */
import type { KeywardenConfig } from '../../config/load';
import { definitionFor } from '../../vendors/catalog';
import type { FieldLimits, VendorDefinition } from '../../vendors/types';
import type { DestinationSummary, HumanStepPolicy, RequestPolicy } from '../../workflows/types';
import { resolvePolicy } from '../../policies/resolve';
import type { Policies, ResolvedPolicy } from '../../policies/types';

export interface CatalogVendor {
  key: string;
  displayName: string;
  roles: readonly string[];
  definition: VendorDefinition;
  /** Allowed values of vendor-specific fields, from the vendor's configuration. */
  fieldLimits?: FieldLimits;
  /** Who does this vendor's human steps, when it has any. */
  humanSteps?: HumanStepPolicy;
}

export interface RequestCatalog {
  vendors: ReadonlyMap<string, CatalogVendor>;
  policies: Policies;
  admins: readonly string[];
  /** Configured destinations by name, as requests record them (`dest=`). */
  destinations: ReadonlyMap<string, DestinationSummary>;
  /** The merged policy for one vendor and role. */
  policyFor(vendorKey: string, role: string): ResolvedPolicy;
  /** Every approver group named anywhere, for finding what waits on a person (`/keys pending`). */
  approverGroups: readonly string[];
}

export function buildCatalog(
  config: Pick<KeywardenConfig, 'vendors' | 'policies' | 'admins'> & Partial<Pick<KeywardenConfig, 'destinations'>>,
): RequestCatalog {
  const vendors = new Map<string, CatalogVendor>();
  for (const [key, connection] of Object.entries(config.vendors)) {
    const definition = definitionFor(connection);
    if (!definition) throw new Error(`no definition for vendor type ${connection.type}`);
    const humanSteps = 'humanSteps' in connection ? connection.humanSteps : undefined;
    vendors.set(key, {
      key,
      displayName: connection.displayName,
      roles: connection.roles,
      definition,
      ...(humanSteps ? { humanSteps } : {}),
      ...('fieldLimits' in connection ? { fieldLimits: connection.fieldLimits } : {}),
    });
  }
  const { policies } = config;
  const approverGroups = new Set([
    ...policies.approvals.approvers.groups,
    ...policies.overrides.flatMap((o) => o.approvals.approvers?.groups ?? []),
  ]);
  const destinations = new Map(
    Object.entries(config.destinations ?? {}).map(([key, d]) => [key, { key, type: d.type, describe: d.describe }]),
  );
  return {
    vendors,
    policies,
    admins: config.admins,
    destinations,
    policyFor: (vendorKey, role) => resolvePolicy(policies, vendorKey, role),
    approverGroups: [...approverGroups],
  };
}

/** The snapshot a request carries, so a later change to `keywarden.yaml` does not alter it. */
export function requestPolicy(
  resolved: ResolvedPolicy,
  vendor: CatalogVendor,
  admins: readonly string[],
): RequestPolicy {
  const { approvals, credentials } = resolved;
  const humanSteps = vendor.humanSteps && {
    ...vendor.humanSteps,
    ...(resolved.operator ? { operators: resolved.operator } : {}),
  };
  return {
    approvalChannel: approvals.channel,
    approvers: approvals.approvers.users,
    approverGroups: approvals.approvers.groups,
    admins: [...admins],
    approvalsRequired: approvals.approvalsRequired,
    allowSelfApproval: approvals.allowSelfApproval,
    pendingTimeoutMs: approvals.pendingTimeoutMs,
    ...(approvals.remindEveryMs ? { remindEveryMs: approvals.remindEveryMs } : {}),
    ...(approvals.escalateAfterMs
      ? {
          escalation: {
            afterMs: approvals.escalateAfterMs,
            users: approvals.escalateTo.users,
            groups: approvals.escalateTo.groups,
          },
        }
      : {}),
    source: resolved.source,
    revealWithinMs: credentials.revealWithinMs,
    ...(humanSteps ? { humanSteps } : {}),
    lifecycle: {
      maxTtlMs: credentials.maxTtlMs,
      reminderOffsetsMs: credentials.reminderOffsetsMs,
      ...(credentials.rotationPeriodMs ? { rotationPeriodMs: credentials.rotationPeriodMs } : {}),
      rotationOverlapMs: credentials.rotationOverlapMs,
      historyEventLimit: credentials.historyEventLimit,
      livenessCheckMs: credentials.livenessCheckMs,
      extendRequiresApproval: credentials.extendRequiresApproval,
      consumerCheckMs: credentials.consumerCheckMs,
    },
  };
}
