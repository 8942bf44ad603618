/**
 * The port every vendor implements. A vendor is a folder under `vendors/` exporting a `VendorAdapter` (Node side:
 * API actions, checks, conditions and task instructions its playbooks name) and a `VendorDefinition` (pure data:
 * request fields and playbooks). The workflow engine never sees vendor code, only playbook data.
 */
import type { CredentialRef, VendorPlaybooks } from '../workflows/types';
import type { SecretText } from './secret-text';

/** What a step knows about the credential it works on. */
export interface StepInput {
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
  /** The credential's secret, opened for this step only; absent until a step has produced one. */
  secret?: SecretText;
}

export interface StepOutput {
  ref?: CredentialRef;
  secret?: SecretText;
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

/**
 * A vendor connection. Actions must be idempotent: they run at least once, so each looks up by a name derived
 * from `credentialId` before creating, and treats "already gone" as success when deleting. Failures are thrown
 * as `VendorError` (a limit the requester should hear about is `limit_reached`, non-retryable).
 */
export interface VendorAdapter {
  readonly key: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly actions: Readonly<Record<string, (input: StepInput) => Promise<StepOutput>>>;
  readonly checks: Readonly<Record<string, (input: StepInput) => Promise<VerifyOutcome>>>;
  readonly conditions: Readonly<Record<string, (input: StepInput) => Promise<ConditionOutcome>>>;
  readonly tasks: Readonly<Record<string, (input: StepInput) => TaskInstructions>>;
}

/** Allowed values per vendor-specific field, from the vendor's configuration. */
export type FieldLimits = Readonly<Record<string, readonly string[]>>;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The pure side of a vendor (no Node or undici imports), used by the bot to validate requests and choose
 * playbooks, and importable by workflow code.
 */
export interface VendorDefinition {
  readonly type: string;
  /** Vendor-specific `key=value` request fields, with a one-line description for help and modals. */
  readonly fields: Readonly<Record<string, { description: string }>>;
  /**
   * Problems with the vendor-specific fields (unknown keys are reported by the bot). `limits` narrows the values a
   * field may take, as the vendor's configuration allows (e.g. `{ apisets: ['billing'] }`).
   */
  validateFields(fields: Readonly<Record<string, string>>, limits?: FieldLimits): FieldProblem[];
  /** The playbooks for a request; a vendor with several modes picks by its fields. */
  playbooks(fields: Readonly<Record<string, string>>): VendorPlaybooks;
}
