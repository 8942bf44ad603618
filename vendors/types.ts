/**
 * The port every vendor implements. A vendor is a folder under `vendors/` exporting a `VendorAdapter` (Node side:
 * API actions, checks, conditions and task instructions its playbooks name) and a `VendorDefinition` (pure data:
 * request fields and playbooks). The workflow engine never sees vendor code, only playbook data.
 */
import type { ConditionOutcome, StepSubject, TaskInstructions, VerifyOutcome } from '../workflows/steps';
import type { CredentialRef, VendorPlaybooks } from '../workflows/types';
import type { SecretText } from '../secrets/secret-text';

/** What a step knows about the credential it works on, with its secret opened for this step only. */
export interface StepInput extends Omit<StepSubject, 'secret' | 'vendorKey'> {
  secret?: SecretText;
}

export interface StepOutput {
  ref?: CredentialRef;
  secret?: SecretText;
}

export type { ConditionOutcome, TaskInstructions, VerifyOutcome };

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
  /**
   * When the vendor last saw the key used (ISO 8601), for vendors that expose it (e.g. Vectra Fusion's
   * `last_login`); undefined when never. Read-only. Rotations to a destination use it as evidence that the
   * consumer has switched to the new key before the old one is retired.
   */
  readonly lastUsed?: (input: StepInput) => Promise<string | undefined>;
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
