/**
 * When `keywarden.yaml` does not match its schema, the parts that do are still checked, so one run reports every
 * problem: each vendor entry that parses on its own has its environment variables resolved (a missing secret is
 * named even while another entry is mistyped), and the policy sections are checked against those vendors.
 */
import { z } from 'zod';
import { vendorConnectionSchema, type VendorConnectionEntry } from '../vendors/config';
import { policySectionsSchema, type PolicySections } from './policies';

/** What can be checked of a file: its vendor entries that parse, every vendor name, the policies if they parse. */
export interface CheckableParts {
  vendors: Record<string, VendorConnectionEntry>;
  /** Every name under `vendors`, including entries that did not parse (their policies are not "unknown"). */
  vendorNames: string[];
  policies?: PolicySections;
}

const looseFile = z.object({ vendors: z.record(z.string(), z.unknown()).optional() }).loose();

/** The checkable parts of a file that failed its schema; the schema's own problems are reported by the caller. */
export function checkableParts(raw: unknown): CheckableParts {
  const loose = looseFile.safeParse(raw ?? {});
  if (!loose.success) return { vendors: {}, vendorNames: [] };
  const entries = Object.entries(loose.data.vendors ?? {});
  const vendors: Record<string, VendorConnectionEntry> = {};
  for (const [name, entry] of entries) {
    const parsed = vendorConnectionSchema.safeParse(entry);
    if (parsed.success) vendors[name] = parsed.data;
  }
  const policies = policySectionsSchema.safeParse(loose.data);
  const vendorNames = entries.map(([name]) => name);
  return policies.success ? { vendors, vendorNames, policies: policies.data } : { vendors, vendorNames };
}
