/** What a requester may ask for, derived once from the configuration. */
import type { KeywardenConfig } from '../config';
import { DEFINITIONS_BY_TYPE } from '../../vendors/catalog';
import type { FieldLimits, VendorDefinition } from '../../vendors/types';
import type { HumanStepPolicy, RequestPolicy } from '../../workflows/types';

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
  defaultTtlMs: number;
  maxTtlMs: number;
  policy: RequestPolicy;
}

export function buildCatalog(config: KeywardenConfig): RequestCatalog {
  const vendors = new Map<string, CatalogVendor>();
  for (const [key, connection] of Object.entries(config.vendors)) {
    const definition = DEFINITIONS_BY_TYPE[connection.type];
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
  return {
    vendors,
    defaultTtlMs: config.credentials.defaultTtlMs,
    maxTtlMs: config.credentials.maxTtlMs,
    policy: {
      approvalChannel: config.approvals.channel,
      approvers: config.approvals.approvers,
      admins: config.admins,
      approvalsRequired: 1,
      allowSelfApproval: false,
      pendingTimeoutMs: config.approvals.pendingTimeoutMs,
      revealWithinMs: config.credentials.revealWithinMs,
      lifecycle: {
        maxTtlMs: config.credentials.maxTtlMs,
        reminderOffsetsMs: config.credentials.reminderOffsetsMs,
        ...(config.credentials.rotationPeriodMs ? { rotationPeriodMs: config.credentials.rotationPeriodMs } : {}),
        rotationOverlapMs: config.credentials.rotationOverlapMs,
        historyEventLimit: config.credentials.historyEventLimit,
        livenessCheckMs: config.credentials.livenessCheckMs,
        extendRequiresApproval: config.credentials.extendRequiresApproval,
      },
    },
  };
}
