/**
 * Runs the rule checks over the defaults and over every vendor × role after merging, and turns what they find into
 * one message per mistake. A merged policy no longer knows which entry set each value, so the layers `resolvePolicy`
 * merges are rebuilt here: a problem is reported at the setting the admin most likely wrote last, where the fix
 * belongs, and a mistake shared by many vendors or roles is reported once, listing them all.
 */
import { resolvePolicy } from './resolve';
import { CHECKS, type Finding, type Name, REQUESTERS, type Setting, settingName, settingPath } from './rule-checks';
import type { ApprovalRules, CredentialRules, Policies, PolicyOverride, Principals, ResolvedPolicy } from './types';
import { entryPath, formatList } from './wording';

/** All the reports need of a configured vendor: its roles, each of which gets its own merged policy. */
type VendorRoles = Record<string, { roles: readonly string[] }>;

/** One source of settings, in the order `resolvePolicy` applies them: the defaults, the vendor entry, the role entry. */
interface Layer {
  /** `policies.2.` for an entry, empty for the defaults: prefixed to a setting's path. */
  prefix: string;
  approvals: Partial<ApprovalRules>;
  credentials: Partial<CredentialRules>;
  requesters?: Principals;
}

/** A problem found in one or more policies, keyed by the exact settings it came from so it is reported once. */
interface Report {
  path: string;
  text: string;
  /** The vendor/role policies it affects; empty when it lies in the defaults alone. */
  subjects: Array<{ vendor: string; role: string }>;
}

/** One message per mistake, as `policies.1.approvals.remind_every: for automox readonly, …`. */
export function ruleProblems(policies: Policies, vendors: VendorRoles): string[] {
  const reports = new Map<string, Report>();
  const defaults = [defaultsLayer(policies)];
  collect(reports, defaults, { approvals: policies.approvals, credentials: policies.credentials, source: 'defaults' });
  for (const [vendor, facts] of Object.entries(vendors)) {
    for (const role of facts.roles) {
      const layers = [...defaults, ...entriesFor(policies, vendor, role).map(entryLayer)];
      collect(reports, layers, resolvePolicy(policies, vendor, role), { vendor, role });
    }
  }
  return [...reports.values()].map((report) => {
    const subjects = describeSubjects(report.subjects, vendors);
    return `${report.path}: ${subjects ? `for ${subjects}, ` : ''}${report.text}`;
  });
}

/** The same entries, in the same order, that `resolvePolicy` merges; kept here to know which one set each value. */
function entriesFor(policies: Policies, vendor: string, role: string): PolicyOverride[] {
  return [
    policies.overrides.find((o) => o.vendor === vendor && o.roles === undefined),
    policies.overrides.find((o) => o.vendor === vendor && o.roles?.includes(role)),
  ].filter((o): o is PolicyOverride => o !== undefined);
}

function defaultsLayer(policies: Policies): Layer {
  return { prefix: '', approvals: policies.approvals, credentials: policies.credentials };
}

function entryLayer(entry: PolicyOverride): Layer {
  return { ...entry, prefix: `${entryPath(entry)}.` };
}

function collect(
  reports: Map<string, Report>,
  layers: readonly Layer[],
  policy: ResolvedPolicy,
  subject?: { vendor: string; role: string },
): void {
  CHECKS.forEach((check, checkIndex) => {
    const finding = check(policy);
    if (!finding) return;
    const origins = finding.settings.map((setting) => originOf(setting, layers));
    const reportedAt = mostSpecific(origins);
    const path = reportedAt?.path ?? settingPath(finding.settings[0] ?? REQUESTERS);
    const key = [checkIndex, ...origins.map((origin) => origin?.path ?? '-')].join('|');
    const report = reports.get(key) ?? { path, text: finding.describe(nameFrom(path, finding, origins)), subjects: [] };
    reports.set(key, report);
    // A problem made only of defaults is the defaults' own problem, already reported without a vendor.
    if (subject && origins.some((origin) => origin && origin.depth > 0)) report.subjects.push(subject);
  });
}

interface Origin {
  path: string;
  /** 0 for the defaults, higher for more specific entries. */
  depth: number;
}

/** The most specific layer that sets the setting, as `resolvePolicy` lets later layers win. */
function originOf(setting: Setting, layers: readonly Layer[]): Origin | undefined {
  for (let depth = layers.length - 1; depth >= 0; depth--) {
    const layer = layers[depth];
    if (layer && isSetIn(layer, setting)) return { path: layer.prefix + settingPath(setting), depth };
  }
  return undefined;
}

function isSetIn(layer: Layer, setting: Setting): boolean {
  switch (setting.section) {
    case 'approvals':
      return layer.approvals[setting.key] !== undefined;
    case 'credentials':
      return layer.credentials[setting.key] !== undefined;
    case 'requesters':
      return layer.requesters !== undefined;
  }
}

/** The origin the admin most likely wrote last, where the fix belongs; ties go to the first setting listed. */
function mostSpecific(origins: ReadonlyArray<Origin | undefined>): Origin | undefined {
  return origins.reduce<Origin | undefined>(
    (best, origin) => (origin && (!best || origin.depth > best.depth) ? origin : best),
    undefined,
  );
}

/** Settings beside the reported one are named briefly; others by full path, so the reader finds every entry. */
function nameFrom(reportedPath: string, finding: Finding, origins: ReadonlyArray<Origin | undefined>): Name {
  return (setting) => {
    const origin = origins[finding.settings.findIndex((s) => settingPath(s) === settingPath(setting))];
    if (!origin || parentOf(origin.path) === parentOf(reportedPath)) return settingName(setting);
    return origin.path;
  };
}

function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('.')));
}

/** `vectra readonly, ncentral (every role) and automox read-only`. */
function describeSubjects(subjects: ReadonlyArray<{ vendor: string; role: string }>, vendors: VendorRoles): string {
  const rolesByVendor = new Map<string, string[]>();
  for (const { vendor, role } of subjects) rolesByVendor.set(vendor, [...(rolesByVendor.get(vendor) ?? []), role]);
  const parts = [...rolesByVendor].flatMap(([vendor, roles]) =>
    roles.length > 1 && roles.length === vendors[vendor]?.roles.length
      ? [`${vendor} (every role)`]
      : roles.map((role) => `${vendor} ${role}`),
  );
  return formatList(parts, 'and');
}
