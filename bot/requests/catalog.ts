/** What a requester may ask for, derived once from the configuration. */
import type { KeywardenConfig } from '../config';
import { PLAYBOOKS_BY_TYPE } from '../../vendors/catalog';
import type { RequestPolicy, VendorPlaybooks } from '../../workflows/types';

export interface CatalogVendor {
  key: string;
  displayName: string;
  roles: readonly string[];
  /** Vendor-specific `key=value` fields this vendor accepts (none yet for Vectra Fusion). */
  extraFields: readonly string[];
  playbooks: VendorPlaybooks;
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
    const playbooks = PLAYBOOKS_BY_TYPE[connection.type];
    if (!playbooks) throw new Error(`no playbooks for vendor type ${connection.type}`);
    vendors.set(key, { key, displayName: connection.displayName, roles: connection.roles, extraFields: [], playbooks });
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
    },
  };
}
