/**
 * The port every vendor implements. A vendor is a folder under `vendors/` exporting a `VendorAdapter`: named API
 * actions and checks that its playbooks refer to. The workflow engine never sees vendor code, only playbook data.
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
  fields: Readonly<Record<string, string>>;
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
}

/**
 * A vendor connection. Actions must be idempotent: they run at least once, so each looks up by a name derived
 * from `credentialId` before creating, and treats "already gone" as success when deleting. Failures are thrown
 * as `VendorError`.
 */
export interface VendorAdapter {
  readonly key: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly playbooks: VendorPlaybooks;
  readonly actions: Readonly<Record<string, (input: StepInput) => Promise<StepOutput>>>;
  readonly checks: Readonly<Record<string, (input: StepInput) => Promise<VerifyOutcome>>>;
}
