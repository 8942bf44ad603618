/**
 * Domain types shared by the bot, the workflows and the activities. Plain data only: everything here crosses
 * Temporal as a payload, so nothing here may hold a plaintext secret.
 */

/** A secret sealed by `activities/sealing.ts`. Opaque outside the activities that must use it. */
export interface SealedSecret {
  sealed: string;
}

/** Who asked, and where: delivery goes to this user, ephemerally, in this channel. */
export interface Requester {
  userId: string;
  channelId: string;
}

/** Who does a vendor's human steps and how they are chased (from the vendor's `human_steps` config). */
export interface HumanStepPolicy {
  operators: { users: string[]; groups: string[] };
  remindEveryMs: number;
  deadlineMs: number;
}

/** The policy a request runs under, recorded at start so later config changes do not alter running requests. */
export interface RequestPolicy {
  approvalChannel: string;
  /** Approver user IDs. */
  approvers: string[];
  /** Approver user groups: the bot checks a clicker's membership when they decide (`Decision.viaGroup`). */
  approverGroups?: string[];
  admins: string[];
  approvalsRequired: number;
  allowSelfApproval: boolean;
  pendingTimeoutMs: number;
  /** Remind the approvers in the approval thread this often while undecided. */
  remindEveryMs?: number;
  /** Who is told once a request has waited `afterMs` undecided. */
  escalation?: { afterMs: number; users: string[]; groups: string[] };
  /** Which policy entries applied (`defaults`, `policies.2 (automox readonly)`), for the record. */
  source?: string;
  /** How long a delivered key waits to be revealed before it is revoked unseen. */
  revealWithinMs: number;
  /** Present for vendors with human steps. */
  humanSteps?: HumanStepPolicy;
  lifecycle: LifecyclePolicy;
}

/** How a credential lives after delivery (the `credentials` section of `keywarden.yaml`). */
export interface LifecyclePolicy {
  /** The longest access a credential may have, counted from its first delivery (extensions included). */
  maxTtlMs: number;
  /** When to remind the owner, as offsets before expiry. */
  reminderOffsetsMs: number[];
  /** Rotate the key this often while the credential lives; undefined = never automatically. */
  rotationPeriodMs?: number;
  /** After a rotation the old key stays valid this long, so nothing breaks, then it is revoked. */
  rotationOverlapMs: number;
  /** Continue-as-new once the credential's history has this many events. */
  historyEventLimit: number;
  /** How often to check the key still works at the vendor (someone may remove the user or key by hand). */
  livenessCheckMs: number;
  /** Extensions by the owner need an approver's yes, as a request does (admins' extensions do not). */
  extendRequiresApproval: boolean;
  /**
   * During a rotation overlap, how often to ask the vendor whether the consumer uses the new key yet (destination
   * keys only); unset in requests made before destinations, which never need it.
   */
  consumerCheckMs?: number;
}

/** An extension waiting for approval: shown in the approval channel like a request. */
export interface ExtensionRequest {
  credentialId: string;
  requestedBy: string;
  extendByMs: number;
  newExpiresAt: string;
  status: 'pending' | 'approved' | 'denied' | 'expired';
  decisions: Decision[];
  pendingExpiresAt: string;
}

export interface VendorSummary {
  /** The name used in `/keys request <vendor>` and in `keywarden.yaml`. */
  key: string;
  displayName: string;
}

export interface CredentialRequest {
  requestId: string;
  vendor: VendorSummary;
  role: string;
  ttlMs: number;
  purpose: string;
  /** Vendor-specific `key=value` fields from the command, already validated. */
  fields: Record<string, string>;
  requester: Requester;
  requestedAt: string;
  policy: RequestPolicy;
  playbooks: VendorPlaybooks;
  /** Set when the policy approves this requester's requests without an approver; names the rule that matched. */
  autoApproval?: { via: string; destination?: boolean };
  /** Set for a key for a machine: it is handed to this destination instead of being revealed to a person. */
  destination?: DestinationSummary;
}

/** Where a machine consumer picks up its key (`dest=` in a request): a destination under `destinations:`. */
export interface DestinationSummary {
  /** Its name under `destinations` in `keywarden.yaml`. */
  key: string;
  type: string;
  /** Where the key goes, as people are shown it, e.g. "webhook https://siem.example.com/keywarden". */
  describe: string;
}

export type DecisionKind = 'approve' | 'deny';

export interface Decision {
  kind: DecisionKind;
  userId: string;
  reason?: string;
  /** The approver group through which the bot found this person eligible (checked at the moment they clicked). */
  viaGroup?: string;
}

export type RequestStatus = 'pending' | 'denied' | 'expired' | 'provisioning' | 'delivering' | 'delivered' | 'failed';

/** Where the approval message lives, so it can be updated in place. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export interface RequestState {
  requestId: string;
  status: RequestStatus;
  decisions: Decision[];
  pendingExpiresAt: string;
  approvalMessage?: MessageRef;
  credentialId?: string;
  expiresAt?: string;
  failure?: string;
}

/** The vendor-side handle of a credential (e.g. `{ appname }`). Identifiers only, never secrets. */
export type CredentialRef = Record<string, string>;

/** One key of a credential. Rotation makes a new generation; the first generation's id is the credential id. */
export interface KeyGeneration {
  /** Names the vendor key and binds its sealed secret: `<credentialId>` first, then `<credentialId>-g<n>`. */
  generationId: string;
  generation: number;
  ref: CredentialRef;
  secret: SealedSecret;
  deliveredAt: string;
  /** An expiry the vendor imposes on this key (e.g. a JWT's `exp`); extensions cannot pass it. */
  vendorExpiresAt?: string;
  offered: boolean;
  revealed: boolean;
  /** When the key was written to the credential's destination (destination keys only). */
  handedOverAt?: string;
}

export interface RetiringKey extends KeyGeneration {
  revokeAt: string;
  /** When Keywarden saw evidence that the consumer uses the key that replaced this one (destination keys only). */
  consumerSwitchedAt?: string;
}

/** Everything the credential workflow carries, including across continue-as-new. */
export interface Credential {
  credentialId: string;
  request: CredentialRequest;
  current: KeyGeneration;
  /** Older keys still valid through the rotation overlap. */
  retiring: RetiringKey[];
  firstDeliveredAt: string;
  expiresAt: string;
  /** Reminder times (ISO) already sent for the current expiry. */
  remindedAt: string[];
  /** The owner chose "Let it expire": no more reminders. */
  remindersOff: boolean;
  /** When the key was last found working at the vendor (ISO). */
  checkedAt?: string;
  /** When the vendor was last asked whether the consumer uses the current key (destination keys only). */
  consumerCheckedAt?: string;
  /** False once the vendor has said it does not tell when a key was last used: no more asking. */
  vendorShowsUse?: boolean;
  /** What happened to this credential since delivery, for `/keys status`; carried across continue-as-new. */
  timeline?: AuditEntry[];
}

/**
 * One audit event: a stable `event` name (e.g. `request.approved`, `credential.rotated`), who caused it and the
 * outcome. Logged as a structured line when it happens and kept in the workflow for `/keys status`.
 */
export interface AuditEntry {
  at: string;
  event: string;
  /** The Slack user who acted; absent for what Keywarden did on its own (timers, policy). */
  actor?: string;
  /** A short plain-text outcome (no Slack markup); never a secret. */
  detail?: string;
  /** Others it concerns, as Slack user or group ids: the approvers so far, a task's assignees, who was told. */
  people?: string[];
}

export type CredentialActionKind = 'revoke' | 'rotate' | 'extend' | 'let_expire';

/** An owner's or admin's action on a live credential. */
export interface CredentialAction {
  kind: CredentialActionKind;
  userId: string;
  /** For `extend`: how much longer. */
  extendByMs?: number;
}

export type CredentialStatus = 'active' | 'rotating' | 'revoking' | 'revoked' | 'revoke_unverified';

export interface CredentialState {
  credentialId: string;
  status: CredentialStatus;
  expiresAt: string;
  generation: number;
  revealed: boolean;
  revokedAt?: string;
  /** Where the key goes, for a credential delivered to a destination (never revealed). */
  destination?: string;
}

/** The owner asks to see the secret: allowed once. */
export interface RevealRequest {
  userId: string;
  generationId: string;
}

/** What a reveal hands the bot: the sealed secret (opened only in the bot's process) and how to present it. */
export interface RevealedCredential {
  secret: SealedSecret;
  /** Opens `secret` (its sealing context). */
  generationId: string;
  requestId: string;
  vendorName: string;
  role: string;
  expiresAt: string;
}

/** Who a human step waits on: the vendor's configured operator(s), or the requester themselves. */
export type Assignee = 'operator' | 'requester';

/**
 * A playbook step; vendors describe provisioning and revocation as lists of these (see `workflows/playbook.ts`).
 * - `call`: an API action of the vendor adapter.
 * - `verify`: an API check; with `retryTask`, a failure re-opens the latest task showing the vendor's answer;
 *   with `settleMs` as well, a failure after the task is re-checked on durable timers for that long first (for
 *   vendors that apply a change only after a delay).
 * - `await`: poll an adapter condition on durable timers until it holds, reminding the assignee, until a deadline.
 * - `task`: a guided human step in Slack; with `returnsSecret`, the person hands back a secret through a modal.
 */
export type PlaybookStep =
  | { kind: 'call'; action: string; title: string }
  | { kind: 'verify'; check: string; title: string; retryTask?: boolean; settleMs?: number }
  | { kind: 'await'; condition: string; title: string; assignee: Assignee; pollEveryMs: number }
  | { kind: 'task'; task: string; title: string; assignee: Assignee; returnsSecret: boolean };

export interface VendorPlaybooks {
  provision: PlaybookStep[];
  revoke: PlaybookStep[];
}
