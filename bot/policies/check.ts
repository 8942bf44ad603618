/**
 * Load-time checks of the configured policies against the configured vendors: entries that point at nothing or
 * collide, and policies that could never work — alone, or once an entry is merged over the defaults (a default
 * TTL above its maximum, a reminder after expiry, a quorum nobody can reach). Each problem starts with its path
 * in `keywarden.yaml` and says what to change, so an admin can fix them all in one edit.
 */
import { formatDuration } from '../../workflows/duration';
import { resolvePolicy } from './resolve';
import type { ApprovalRules, CredentialRules, Policies, PolicyOverride, Principals, ResolvedPolicy } from './types';

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

/** `policies.2`, from the entry's label `policies.2 (automox readonly)`, which records where it sits in the file. */
function entryPath(entry: PolicyOverride): string {
  return entry.label.split(' ', 1)[0] ?? entry.label;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules: the defaults, and every vendor × role after merging, must describe a policy that can work.

/** One setting of a policy, whichever entry sets it. */
type Setting =
  | { section: 'approvals'; key: keyof ApprovalRules }
  | { section: 'credentials'; key: keyof CredentialRules }
  | { section: 'requesters' };

const APPROVAL_KEYS: Record<keyof ApprovalRules, string> = {
  channel: 'channel',
  approvers: 'approvers',
  approvalsRequired: 'approvals_required',
  allowSelfApproval: 'allow_self_approval',
  autoApprove: 'auto_approve',
  pendingTimeoutMs: 'pending_timeout',
  remindEveryMs: 'remind_every',
  escalateAfterMs: 'escalate_after',
  escalateTo: 'escalate_to',
};

const CREDENTIAL_KEYS: Record<keyof CredentialRules, string> = {
  defaultTtlMs: 'default_ttl',
  maxTtlMs: 'max_ttl',
  revealWithinMs: 'reveal_within',
  reminderOffsetsMs: 'reminders',
  rotationPeriodMs: 'rotation_period',
  rotationOverlapMs: 'rotation_overlap',
  historyEventLimit: 'history_event_limit',
  livenessCheckMs: 'check_every',
  extendRequiresApproval: 'extend_requires_approval',
};

const approval = (key: keyof ApprovalRules): Setting => ({ section: 'approvals', key });
const credential = (key: keyof CredentialRules): Setting => ({ section: 'credentials', key });
const REQUESTERS: Setting = { section: 'requesters' };

/** `approvals.remind_every`, `credentials.max_ttl` or `requesters`: the setting's path inside one entry. */
function settingPath(setting: Setting): string {
  switch (setting.section) {
    case 'approvals':
      return `approvals.${APPROVAL_KEYS[setting.key]}`;
    case 'credentials':
      return `credentials.${CREDENTIAL_KEYS[setting.key]}`;
    case 'requesters':
      return 'requesters';
  }
}

/** The setting's name as written in the file: `remind_every`. */
function settingName(setting: Setting): string {
  return settingPath(setting).split('.').pop() ?? '';
}

/** Spells a setting for a message: its bare name beside the reported path, else its full path. */
type Name = (setting: Setting) => string;

/** What went wrong in one policy. `describe` gets how to spell each setting, which depends on where it is reported. */
interface Finding {
  /** Every setting the problem depends on; it is reported at the one set by the most specific entry. */
  settings: readonly Setting[];
  describe(name: Name): string;
}

type Check = (policy: ResolvedPolicy) => Finding | undefined;

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

function ruleProblems(policies: Policies, vendors: Record<string, VendorPolicyFacts>): string[] {
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
function describeSubjects(
  subjects: ReadonlyArray<{ vendor: string; role: string }>,
  vendors: Record<string, VendorPolicyFacts>,
): string {
  const rolesByVendor = new Map<string, string[]>();
  for (const { vendor, role } of subjects) rolesByVendor.set(vendor, [...(rolesByVendor.get(vendor) ?? []), role]);
  const parts = [...rolesByVendor].flatMap(([vendor, roles]) =>
    roles.length > 1 && roles.length === vendors[vendor]?.roles.length
      ? [`${vendor} (every role)`]
      : roles.map((role) => `${vendor} ${role}`),
  );
  return formatList(parts, 'and');
}

// ---------------------------------------------------------------------------------------------------------------
// The checks. Each looks at one merged policy and returns what is wrong with it, if anything.

const DEFAULT_TTL = credential('defaultTtlMs');
const MAX_TTL = credential('maxTtlMs');
const ROTATION_PERIOD = credential('rotationPeriodMs');
const ROTATION_OVERLAP = credential('rotationOverlapMs');
const PENDING_TIMEOUT = approval('pendingTimeoutMs');
const REMIND_EVERY = approval('remindEveryMs');
const ESCALATE_AFTER = approval('escalateAfterMs');
const ESCALATE_TO = approval('escalateTo');
const APPROVERS = approval('approvers');
const APPROVALS_REQUIRED = approval('approvalsRequired');
const ALLOW_SELF_APPROVAL = approval('allowSelfApproval');
const AUTO_APPROVE = approval('autoApprove');

function defaultTtlWithinMaximum({ credentials }: ResolvedPolicy): Finding | undefined {
  if (credentials.defaultTtlMs <= credentials.maxTtlMs) return undefined;
  return {
    settings: [DEFAULT_TTL, MAX_TTL],
    describe: (name) =>
      `${name(DEFAULT_TTL)} (${formatDuration(credentials.defaultTtlMs)}) is longer than ${name(MAX_TTL)} ` +
      `(${formatDuration(credentials.maxTtlMs)}), so a request without ttl= would ask for more than is allowed: ` +
      `lower default_ttl or raise max_ttl`,
  };
}

function overlapShorterThanRotation({ credentials }: ResolvedPolicy): Finding | undefined {
  const period = credentials.rotationPeriodMs;
  if (period === undefined || credentials.rotationOverlapMs < period) return undefined;
  return {
    settings: [ROTATION_OVERLAP, ROTATION_PERIOD],
    describe: (name) =>
      `${name(ROTATION_OVERLAP)} (${formatDuration(credentials.rotationOverlapMs)}) is not shorter than ` +
      `${name(ROTATION_PERIOD)} (${formatDuration(period)}), so the old key would still be valid when the next ` +
      `rotation starts: shorten rotation_overlap or lengthen rotation_period`,
  };
}

function reminderBeforeExpiry({ approvals }: ResolvedPolicy): Finding | undefined {
  const every = approvals.remindEveryMs;
  if (every === undefined || every < approvals.pendingTimeoutMs) return undefined;
  return {
    settings: [REMIND_EVERY, PENDING_TIMEOUT],
    describe: (name) =>
      `${name(REMIND_EVERY)} (${formatDuration(every)}) is not shorter than ${name(PENDING_TIMEOUT)} ` +
      `(${formatDuration(approvals.pendingTimeoutMs)}), so the request would expire before the first reminder: ` +
      `shorten remind_every or lengthen pending_timeout`,
  };
}

function escalationBeforeExpiry({ approvals }: ResolvedPolicy): Finding | undefined {
  const after = approvals.escalateAfterMs;
  if (after === undefined || after < approvals.pendingTimeoutMs) return undefined;
  return {
    settings: [ESCALATE_AFTER, PENDING_TIMEOUT],
    describe: (name) =>
      `${name(ESCALATE_AFTER)} (${formatDuration(after)}) is not shorter than ${name(PENDING_TIMEOUT)} ` +
      `(${formatDuration(approvals.pendingTimeoutMs)}): the request would expire before anyone is told; ` +
      `shorten escalate_after or lengthen pending_timeout`,
  };
}

function escalationHasRecipients({ approvals }: ResolvedPolicy): Finding | undefined {
  if (approvals.escalateAfterMs === undefined || !isEmpty(approvals.escalateTo)) return undefined;
  return {
    settings: [ESCALATE_AFTER, ESCALATE_TO],
    describe: (name) =>
      `${name(ESCALATE_AFTER)} is set but ${name(ESCALATE_TO)} names nobody, so the escalation would tell no one: ` +
      `list users or user groups in escalate_to, or remove escalate_after`,
  };
}

function escalationHasDelay({ approvals }: ResolvedPolicy): Finding | undefined {
  if (approvals.escalateAfterMs !== undefined || isEmpty(approvals.escalateTo)) return undefined;
  return {
    settings: [ESCALATE_TO, ESCALATE_AFTER],
    describe: (name) =>
      `${name(ESCALATE_TO)} names who to tell but ${name(ESCALATE_AFTER)} is not set, so they would never be ` +
      `told: set escalate_after (shorter than pending_timeout), or remove escalate_to`,
  };
}

/** Group sizes are unknown until Slack is asked, so only a list of users alone can be proved too short. */
function quorumReachable({ approvals }: ResolvedPolicy): Finding | undefined {
  const { approvers, approvalsRequired } = approvals;
  if (approvers.groups.length > 0 || approvers.users.length >= approvalsRequired) return undefined;
  return {
    settings: [APPROVALS_REQUIRED, APPROVERS],
    describe: (name) =>
      `needs ${approvalsRequired} approvals${aside(name, APPROVALS_REQUIRED)} but names only ` +
      `${count(approvers.users.length, 'approver')}, ${formatList(approvers.users, 'and')}${aside(name, APPROVERS)}, so ` +
      `no request could ever be approved: lower approvals_required, or add approvers (users or a user group)`,
  };
}

interface Deadlock {
  approvers: readonly string[];
  approvalsRequired: number;
  /** Approvers who may request and need approval, yet have too few other approvers. */
  stuck: readonly string[];
  /** Every requester is stuck, so the policy can never grant anything. */
  onlyRequesters: boolean;
}

/**
 * An approver who may request, cannot approve themselves, and has fewer other approvers than the quorum can
 * never get access. Requesters given as groups are not expanded (their members are unknown here), and someone
 * listed in `auto_approve` needs no approver at all.
 */
function selfApprovalDeadlock({ approvals, requesters }: ResolvedPolicy): Finding | undefined {
  const { approvers, approvalsRequired, allowSelfApproval, autoApprove } = approvals;
  // Fewer approvers than the quorum is the quorum check's problem; more leaves every approver enough others.
  if (allowSelfApproval || approvers.groups.length > 0 || approvers.users.length !== approvalsRequired) {
    return undefined;
  }
  const stuck = approvers.users.filter(
    (user) => (requesters === undefined || requesters.users.includes(user)) && !autoApprove.users.includes(user),
  );
  if (stuck.length === 0) return undefined;
  const onlyRequesters =
    requesters !== undefined && requesters.groups.length === 0 && requesters.users.every((u) => stuck.includes(u));
  const deadlock: Deadlock = { approvers: approvers.users, approvalsRequired, stuck, onlyRequesters };
  return {
    settings: [APPROVERS, APPROVALS_REQUIRED, ALLOW_SELF_APPROVAL, AUTO_APPROVE, REQUESTERS],
    describe: (name) => `${deadlockSituation(deadlock, name)}: ${formatList(deadlockFixes(deadlock), 'or')}`,
  };
}

function deadlockSituation({ approvers, approvalsRequired, stuck, onlyRequesters }: Deadlock, name: Name): string {
  const [sole] = approvers;
  if (approvers.length === 1 && sole) {
    return onlyRequesters
      ? `${sole} is both the only approver${aside(name, APPROVERS)} and the only requester, and self-approval is ` +
          `off, so no request could ever be approved`
      : `${sole} is the only approver${aside(name, APPROVERS)} and self-approval is off, so ${sole}'s own ` +
          `requests could never be approved`;
  }
  const outcome = onlyRequesters
    ? 'no request could ever be approved'
    : `a request by ${formatList(stuck, 'or')} could never be approved`;
  return (
    `needs ${approvalsRequired} approvals${aside(name, APPROVALS_REQUIRED)} from exactly ${approvers.length} ` +
    `approvers, ${formatList(approvers, 'and')}${aside(name, APPROVERS)}, and self-approval is off, so ${outcome}`
  );
}

function deadlockFixes({ approvers, stuck, onlyRequesters }: Deadlock): string[] {
  return [
    'add another approver',
    ...(approvers.length > 1 ? ['lower approvals_required'] : []),
    'set allow_self_approval: true',
    // Narrowing requesters cannot help when the requesters are exactly the stuck approvers.
    ...(onlyRequesters ? [] : [`limit requesters to people other than ${formatList(stuck, 'and')}`]),
  ];
}

const CHECKS: readonly Check[] = [
  defaultTtlWithinMaximum,
  overlapShorterThanRotation,
  reminderBeforeExpiry,
  escalationBeforeExpiry,
  escalationHasRecipients,
  escalationHasDelay,
  quorumReachable,
  selfApprovalDeadlock,
];

/** ` (policies.0.approvals.approvers)` when the setting comes from elsewhere than the reported path, else nothing. */
function aside(name: Name, setting: Setting): string {
  const spelled = name(setting);
  return spelled === settingName(setting) ? '' : ` (${spelled})`;
}

function isEmpty(principals: Principals): boolean {
  return principals.users.length + principals.groups.length === 0;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatList(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
