/**
 * Approval and credential policies as configured in `keywarden.yaml`: defaults (`approvals`, `credentials`),
 * overridden per vendor and per role (`policies`). Plain data; `resolve.ts` merges them for one request.
 */
import type { LifecyclePolicy } from '../workflows/types';

/** Slack users (`U…`/`W…`) and user groups (`S…`); groups are resolved to members when they matter. */
export interface Principals {
  users: string[];
  groups: string[];
}

/** Who decides a request, how many must agree, and how an undecided request is chased. */
export interface ApprovalRules {
  /** Where approval messages are posted. */
  channel: string;
  approvers: Principals;
  /** Distinct approvals needed (N of the M approvers); any one denial ends the request. */
  approvalsRequired: number;
  /** Whether an approver's own request may count their approval. */
  allowSelfApproval: boolean;
  /** Requesters whose requests need no approver (e.g. `readonly` for the SOC group). */
  autoApprove: Principals;
  pendingTimeoutMs: number;
  /** Remind the approvers in the message thread this often while undecided; off when unset. */
  remindEveryMs?: number;
  /** Tell `escalateTo` once a request has waited this long undecided; off when unset. */
  escalateAfterMs?: number;
  escalateTo: Principals;
}

/** How long access lasts and how a credential lives after delivery (the lifecycle a request carries, and more). */
export interface CredentialRules extends LifecyclePolicy {
  /** Access time when a request gives no `ttl=`. */
  defaultTtlMs: number;
  /** How long a delivered key waits to be revealed before it is revoked unseen. */
  revealWithinMs: number;
}

/** One entry of `policies:`; unset fields inherit from the vendor-wide entry, then from the defaults. */
export interface PolicyOverride {
  vendor: string;
  /** Roles this entry applies to; undefined = every role of the vendor. */
  roles?: string[];
  /** Who may request this vendor/role; undefined = everyone. */
  requesters?: Principals;
  approvals: Partial<ApprovalRules>;
  credentials: Partial<CredentialRules>;
  /** Who performs this vendor's human steps, instead of the vendor's `human_steps.operator`. */
  operator?: Principals;
  /** Where keys of this vendor or role may be delivered for machines (`dest=`), and whether a person approves. */
  destinations?: DestinationRules;
  /** Where the entry sits in the file, for messages: `policies.2 (automox readonly)`. */
  label: string;
}

/** `policies[].destinations`: the destinations a request may name, and whether its approval still needs a person. */
export interface DestinationRules {
  /** Names under `destinations` in `keywarden.yaml`. */
  allowed: string[];
  /** False: a request naming one of `allowed` needs no approver (it is approved by policy). */
  requireApproval: boolean;
}

export interface Policies {
  approvals: ApprovalRules;
  credentials: CredentialRules;
  overrides: PolicyOverride[];
}

/** The policy one request runs under, after merging defaults, the vendor entry and the role entry. */
export interface ResolvedPolicy {
  approvals: ApprovalRules;
  credentials: CredentialRules;
  requesters?: Principals;
  operator?: Principals;
  /** Set by the most specific entry that sets it; unset, no destination may be named. */
  destinations?: DestinationRules;
  /** Which entries applied, for `/keys vendors` and audit: `defaults`, or `policies.2 (automox readonly)`. */
  source: string;
}
