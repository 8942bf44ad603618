/**
 * What makes a merged policy unworkable. Each check sees only the policy `resolvePolicy` produced, not which entry
 * set what, and names the settings it depends on; `rule-reports.ts` uses those to point the admin at the entry to
 * edit. So a new rule is one function here and a line in `CHECKS`, without knowing how policies are layered.
 */
import { formatDuration } from '../workflows/duration';
import type { ApprovalRules, CredentialRules, Principals, ResolvedPolicy } from './types';
import { count, formatList } from './wording';

// ---------------------------------------------------------------------------------------------------------------
// Settings: how a check names what it depends on, and how a message spells it as written in the file.

/** One setting of a policy, whichever entry sets it. */
export type Setting =
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
  consumerCheckMs: 'consumer_check_every',
};

const approval = (key: keyof ApprovalRules): Setting => ({ section: 'approvals', key });
const credential = (key: keyof CredentialRules): Setting => ({ section: 'credentials', key });
export const REQUESTERS: Setting = { section: 'requesters' };

/** `approvals.remind_every`, `credentials.max_ttl` or `requesters`: the setting's path inside one entry. */
export function settingPath(setting: Setting): string {
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
export function settingName(setting: Setting): string {
  return settingPath(setting).split('.').pop() ?? '';
}

/** Spells a setting for a message: its bare name beside the reported path, else its full path. */
export type Name = (setting: Setting) => string;

/** What went wrong in one policy. `describe` gets how to spell each setting, which depends on where it is reported. */
export interface Finding {
  /** Every setting the problem depends on; it is reported at the one set by the most specific entry. */
  settings: readonly Setting[];
  describe(name: Name): string;
}

type Check = (policy: ResolvedPolicy) => Finding | undefined;

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

export const CHECKS: readonly Check[] = [
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
