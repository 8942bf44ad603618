/**
 * Schema of the policy sections of `keywarden.yaml` — `approvals` and `credentials` (the defaults) and
 * `policies` (per-vendor and per-role overrides) — and how they are read into `Policies`. Whether the policies
 * make sense together is checked later, by `policies/check.ts`, once the vendors are known.
 */
import { z } from 'zod';
import { duration, humanStepsSchema, slackChannelId } from '../vendors/config-kit';
import { SLACK_PRINCIPAL, slackIdSchema } from '../vendors/slack-id';
import type { ApprovalRules, CredentialRules, Policies, PolicyOverride, Principals } from '../policies/types';

const slackPrincipalId = slackIdSchema(SLACK_PRINCIPAL);

/** Splits a list as people write it, users and groups mixed; Slack user group IDs always start with S. */
export function toPrincipals(ids: readonly string[]): Principals {
  // A name listed twice must not count as two approvers towards approvals_required.
  const unique = [...new Set(ids)];
  return { users: unique.filter((id) => !id.startsWith('S')), groups: unique.filter((id) => id.startsWith('S')) };
}

const principalIds = z.array(slackPrincipalId);
const principals = principalIds.transform(toPrincipals);
const somePrincipals = (message: string) => principalIds.min(1, message).transform(toPrincipals);

/** Every approval setting, required and without defaults; the defaults and the overrides derive from it. */
const approvalFields = {
  channel: slackChannelId,
  approvers: somePrincipals('name at least one approver (a user or a user group)'),
  /** Distinct approvals needed; any one denial ends the request. */
  approvals_required: z.number().int().min(1, 'must be at least 1'),
  allow_self_approval: z.boolean(),
  /** Requests from these people need no approver. */
  auto_approve: principals,
  pending_timeout: duration,
  remind_every: duration,
  escalate_after: duration,
  escalate_to: principals,
};

export const approvalDefaultsSchema = z
  .object({
    ...approvalFields,
    approvals_required: approvalFields.approvals_required.default(1),
    allow_self_approval: approvalFields.allow_self_approval.default(false),
    auto_approve: approvalFields.auto_approve.prefault([]),
    pending_timeout: approvalFields.pending_timeout.prefault('24h'),
    remind_every: approvalFields.remind_every.optional(),
    escalate_after: approvalFields.escalate_after.optional(),
    escalate_to: approvalFields.escalate_to.prefault([]),
  })
  .strict();

/** No defaults here: an unset field inherits from the vendor-wide entry, then from `approvals`. */
const approvalOverrideSchema = z.object(approvalFields).partial().strict();

const credentialOverrideFields = {
  default_ttl: duration,
  max_ttl: duration,
  /** A delivered key not revealed within this is revoked, and the requester asked to request again. */
  reveal_within: duration,
  /** Remind the owner this long before expiry. */
  reminders: z.array(duration),
  /** Rotate keys automatically this often (off when unset). */
  rotation_period: duration,
  /** After a rotation the old key stays valid this long, then is revoked. */
  rotation_overlap: duration,
  /** Owners' extensions go to the approvers first, like requests. */
  extend_requires_approval: z.boolean(),
  /** Check this often that each key still works at the vendor; a key removed there by hand is closed. */
  check_every: duration,
  /** During a destination key's rotation overlap, ask the vendor this often whether the consumer switched. */
  consumer_check_every: duration,
};

export const credentialDefaultsSchema = z
  .object({
    default_ttl: credentialOverrideFields.default_ttl.prefault('30d'),
    max_ttl: credentialOverrideFields.max_ttl.prefault('90d'),
    reveal_within: credentialOverrideFields.reveal_within.prefault('24h'),
    reminders: credentialOverrideFields.reminders.prefault(['7d', '1d']),
    rotation_period: credentialOverrideFields.rotation_period.optional(),
    rotation_overlap: credentialOverrideFields.rotation_overlap.prefault('24h'),
    extend_requires_approval: credentialOverrideFields.extend_requires_approval.default(false),
    check_every: credentialOverrideFields.check_every.prefault('6h'),
    consumer_check_every: credentialOverrideFields.consumer_check_every.prefault('5m'),
    /** Advanced, and global: a credential's workflow continues as new past this many history events. */
    history_event_limit: z.number().int().min(20).default(10_000),
  })
  .strict();

const credentialOverrideSchema = z.object(credentialOverrideFields).partial().strict();

export const policyEntrySchema = z
  .object({
    vendor: z.string().min(1, 'name the vendor, as it is keyed under vendors'),
    /** Left out, the entry covers every role of the vendor. */
    roles: z
      .array(z.string().min(1))
      .min(1, 'list at least one role, or leave roles out to cover every role')
      .optional(),
    /** Left out, anyone may request. */
    requesters: somePrincipals('list at least one requester, or leave requesters out to let anyone request').optional(),
    approvals: approvalOverrideSchema.optional(),
    credentials: credentialOverrideSchema.optional(),
    /** Same shape as the vendor's `human_steps.operator`, which it replaces for this vendor or role. */
    operator: humanStepsSchema.shape.operator.optional(),
    /** Destinations a request for this vendor or role may name (`dest=`), and whether a person must still approve. */
    destinations: z
      .object({
        allowed: z.array(z.string().min(1)).min(1, 'list at least one destination, or leave destinations out'),
        require_approval: z.boolean().default(true),
      })
      .strict()
      .optional(),
  })
  .strict();

export const policySections = {
  approvals: approvalDefaultsSchema,
  credentials: credentialDefaultsSchema.prefault({}),
  policies: z.array(policyEntrySchema).default([]),
};

/** The policy sections alone, to check them when another part of the file is broken (`partial.ts`). */
export const policySectionsSchema = z.object(policySections);
export type PolicySections = z.output<typeof policySectionsSchema>;
type ApprovalOverrideEntry = z.output<typeof approvalOverrideSchema>;
type CredentialOverrideEntry = z.output<typeof credentialOverrideSchema>;
type PolicyEntry = z.output<typeof policyEntrySchema>;

export function readPolicies(file: PolicySections): Policies {
  return {
    approvals: readApprovalDefaults(file.approvals),
    credentials: readCredentialDefaults(file.credentials),
    overrides: file.policies.map(readPolicyEntry),
  };
}

/** `policies.2 (automox readonly)`: where the entry sits, and enough to recognise it. */
export function policyLabel(index: number, entry: { vendor: string; roles?: readonly string[] }): string {
  const subject = entry.roles ? `${entry.vendor} ${entry.roles.join(', ')}` : entry.vendor;
  return `policies.${index} (${subject})`;
}

function readApprovalDefaults(entry: z.output<typeof approvalDefaultsSchema>): ApprovalRules {
  return {
    channel: entry.channel,
    approvers: entry.approvers,
    approvalsRequired: entry.approvals_required,
    allowSelfApproval: entry.allow_self_approval,
    autoApprove: entry.auto_approve,
    pendingTimeoutMs: entry.pending_timeout,
    ...(entry.remind_every ? { remindEveryMs: entry.remind_every } : {}),
    ...(entry.escalate_after ? { escalateAfterMs: entry.escalate_after } : {}),
    escalateTo: entry.escalate_to,
  };
}

function readCredentialDefaults(entry: z.output<typeof credentialDefaultsSchema>): CredentialRules {
  return {
    defaultTtlMs: entry.default_ttl,
    maxTtlMs: entry.max_ttl,
    revealWithinMs: entry.reveal_within,
    reminderOffsetsMs: entry.reminders,
    ...(entry.rotation_period ? { rotationPeriodMs: entry.rotation_period } : {}),
    rotationOverlapMs: entry.rotation_overlap,
    historyEventLimit: entry.history_event_limit,
    livenessCheckMs: entry.check_every,
    extendRequiresApproval: entry.extend_requires_approval,
    consumerCheckMs: entry.consumer_check_every,
  };
}

function readPolicyEntry(entry: PolicyEntry, index: number): PolicyOverride {
  return {
    vendor: entry.vendor,
    ...(entry.roles ? { roles: entry.roles } : {}),
    ...(entry.requesters ? { requesters: entry.requesters } : {}),
    approvals: readApprovalOverride(entry.approvals ?? {}),
    credentials: readCredentialOverride(entry.credentials ?? {}),
    ...(entry.operator ? { operator: entry.operator } : {}),
    ...(entry.destinations
      ? { destinations: { allowed: entry.destinations.allowed, requireApproval: entry.destinations.require_approval } }
      : {}),
    label: policyLabel(index, entry),
  };
}

function readApprovalOverride(entry: ApprovalOverrideEntry): Partial<ApprovalRules> {
  return definedOnly({
    channel: entry.channel,
    approvers: entry.approvers,
    approvalsRequired: entry.approvals_required,
    allowSelfApproval: entry.allow_self_approval,
    autoApprove: entry.auto_approve,
    pendingTimeoutMs: entry.pending_timeout,
    remindEveryMs: entry.remind_every,
    escalateAfterMs: entry.escalate_after,
    escalateTo: entry.escalate_to,
  });
}

function readCredentialOverride(entry: CredentialOverrideEntry): Partial<CredentialRules> {
  return definedOnly({
    defaultTtlMs: entry.default_ttl,
    maxTtlMs: entry.max_ttl,
    revealWithinMs: entry.reveal_within,
    reminderOffsetsMs: entry.reminders,
    rotationPeriodMs: entry.rotation_period,
    rotationOverlapMs: entry.rotation_overlap,
    extendRequiresApproval: entry.extend_requires_approval,
    livenessCheckMs: entry.check_every,
    consumerCheckMs: entry.consumer_check_every,
  });
}

/** Keeps a plain object free of `undefined` keys, so an unset field is absent rather than present-and-empty. */
function definedOnly<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}
