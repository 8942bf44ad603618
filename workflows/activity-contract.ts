/**
 * Every activity the workflows call, as a contract: `activities/` implements it (`createActivities` is typed by
 * it) and `workflows/activities.ts` proxies it. Declared here, beside the workflows, so the arrows run one way:
 * activities depend on the workflows' types, never the reverse.
 */
import type { ConditionOutcome, StepResult, StepSubject, VerifyOutcome } from './steps';
import type {
  Assignee,
  CredentialRequest,
  ExtensionRequest,
  MessageRef,
  PlaybookStep,
  RequestState,
  SealedSecret,
} from './types';
import type { Notice, OpenTask, ProgressNote } from './notices';

export interface DeliveryInput {
  credentialId: string;
  /** Which key of the credential (rotation makes new ones) the Reveal button is for. */
  generationId: string;
  request: CredentialRequest;
  expiresAt: string;
  /** After this the key is revoked unseen. */
  revealBy: string;
  /**
   * The workflow sends the "your key is ready" DM as its own step (`noticeDelivery`), so a crash while that DM is
   * sent cannot repeat the offer. Histories from before that change leave it unset and get the DM from the offer.
   */
  noticeSeparately?: boolean;
}

/** One key generation for the credential's destination; its secret stays sealed until the activity sends it. */
export interface HandoverInput {
  credentialId: string;
  generationId: string;
  generation: number;
  request: CredentialRequest;
  secret: SealedSecret;
  expiresAt: string;
}

/** What the destination answered (never the secret): whether the consumer acknowledged this generation. */
export interface HandoverResult {
  acknowledged: boolean;
  detail: string;
}

/** When the vendor last saw the key used; `supported: false` when the vendor does not say. */
export interface KeyUsage {
  supported: boolean;
  lastUsedAt?: string;
}

/** Where the secret was shown: the requester's channel, or their DM with the bot when they were not in it. */
export type DeliveryChannel = 'request_channel' | 'direct_message';

export interface OpenTaskInput {
  request: CredentialRequest;
  workflowId: string;
  taskId: string;
  step: Extract<PlaybookStep, { kind: 'task' }>;
  subject: StepSubject;
  deadline: string;
  error?: string;
}

/** Who a task went to and where its messages are. */
export interface OpenedTask {
  assignees: string[];
  messages: MessageRef[];
  secretLabel?: string;
}

export interface KeywardenActivities {
  /** Posts the approval request in the policy's channel. */
  postApprovalRequest: (request: CredentialRequest, state: RequestState) => Promise<MessageRef>;
  /** Updates the approval message in place. */
  updateApprovalMessage: (request: CredentialRequest, state: RequestState) => Promise<void>;
  /** A progress line in the approval message's thread. */
  postProgress: (message: MessageRef, note: ProgressNote) => Promise<void>;
  /** A DM to the requester or owner (never a secret). */
  notify: (userId: string, notice: Notice) => Promise<void>;
  /** Calls the admins by name in the approval channel. */
  alertAdmins: (request: CredentialRequest, text: string) => Promise<void>;
  /** Posts (or, given `ref`, updates in place) an extension waiting for approval. */
  postExtension: (request: CredentialRequest, extension: ExtensionRequest, ref?: MessageRef) => Promise<MessageRef>;
  /** Reminds the owner before expiry, with Rotate now / Extend / Let it expire. */
  remindOwner(input: { credentialId: string; request: CredentialRequest; expiresAt: string }): Promise<void>;
  /** Offers the requester a one-time reveal; a retry after a crash does not offer it twice. */
  deliverCredential: (input: DeliveryInput) => Promise<DeliveryChannel>;
  /** The DM saying where the offer is. */
  noticeDelivery: (input: DeliveryInput) => Promise<void>;
  /** Writes a key generation to the request's destination; idempotent per generation (see `destinations/types.ts`). */
  deliverToDestination: (input: HandoverInput) => Promise<HandoverResult>;
  /** Posts a human step to each of its assignees. */
  openTask: (input: OpenTaskInput) => Promise<OpenedTask>;
  remindTask: (task: OpenTask) => Promise<void>;
  /** Reminds whoever an `await` step waits on (e.g. to accept an invitation). */
  remindAwait: (request: CredentialRequest, assignee: Assignee, text: string) => Promise<void>;
  closeTask: (messages: MessageRef[], note: string) => Promise<void>;
  /** Runs a playbook `call` step. */
  vendorCall: (action: string, subject: StepSubject) => Promise<StepResult>;
  /** Checks a playbook `await` condition once; the workflow polls on durable timers. */
  vendorCondition: (condition: string, subject: StepSubject) => Promise<ConditionOutcome>;
  /** Runs a playbook `verify` step; a failed check is a result, not an error. */
  vendorVerify: (check: string, subject: StepSubject) => Promise<VerifyOutcome>;
  /** When the vendor last saw the subject's key used (e.g. Vectra Fusion's `last_login`); read-only. */
  vendorLastUsed: (subject: StepSubject) => Promise<KeyUsage>;
}
