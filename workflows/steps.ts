/**
 * The data of a vendor step and of a human step, as the workflows hold it and the activities, vendors and Slack
 * surface read it. Plain data only, importable by workflow code; nothing here holds a plaintext secret.
 */
import type { CredentialRef, CredentialRequest, SealedSecret } from './types';

/** What a vendor step works on: identifiers plus the credential's secret, sealed. */
export interface StepSubject {
  vendorKey: string;
  /** The key generation the step is for (a rotated credential's later keys have their own). */
  credentialId: string;
  requestId: string;
  role: string;
  purpose: string;
  requesterId: string;
  /** Requested access time; vendors that set an expiry on the key use it. */
  ttlMs: number;
  /** Vendor-specific request fields (e.g. `email`, `apisets`), already validated by the definition. */
  fields: Readonly<Record<string, string>>;
  /** Identifiers gathered by earlier steps (e.g. `{ appname }`, `{ userId, keyId }`). */
  ref: CredentialRef;
  /** Absent until a step has produced one. */
  secret?: SealedSecret;
}

export interface StepResult {
  ref?: CredentialRef;
  secret?: SealedSecret;
}

export interface VerifyOutcome {
  ok: boolean;
  /** What the vendor said, safe to show to a person (never contains the secret). */
  detail: string;
  /** Identifiers learned while verifying (e.g. the user id a pasted key belongs to). */
  ref?: CredentialRef;
  /** A hard expiry learned from the vendor (e.g. a JWT's `exp`); the credential never outlives it. ISO 8601. */
  expiresAt?: string;
}

export interface ConditionOutcome {
  met: boolean;
  /** Where things stand, safe to show to a person (e.g. "invitation still pending"). */
  detail: string;
  ref?: CredentialRef;
}

/** What a person is asked to do in a `task` step. Written in our own words; never contains a secret. */
export interface TaskInstructions {
  /** One line, e.g. "Create the read-only API user kw-abc in N-central and generate its token". */
  summary: string;
  /** Numbered steps, in order. Slack mrkdwn allowed. */
  steps: string[];
  /** The exact values to use (names, expiry, role, API sets), shown label: value. */
  values: Array<{ label: string; value: string }>;
  /** Label of the modal's secret input (e.g. "JSON web token"); undefined when nothing is handed back. */
  secretLabel?: string;
}

/** Carried in a task's button values and modal metadata: where the person's answer goes. */
export interface TaskHandle {
  workflowId: string;
  taskId: string;
  requestId: string;
  /** The key generation the task is for; a pasted secret is sealed for it (see `credentialSealingContext`). */
  credentialId: string;
}

/** A task as shown to the people who must do it. */
export interface TaskMessageInput {
  request: CredentialRequest;
  handle: TaskHandle;
  title: string;
  returnsSecret: boolean;
  instructions: TaskInstructions;
  deadline: string;
  error?: string;
}

/** What a Reveal button carries. */
export interface RevealHandle {
  credentialId: string;
  generationId: string;
}
