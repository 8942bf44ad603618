import type { StepSubject } from './steps';
import type { CredentialRef, CredentialRequest, SealedSecret } from './types';

/** What the playbook steps of a credential work on: identifiers from the request plus what steps gathered. */
export function subjectFor(
  request: CredentialRequest,
  credentialId: string,
  ref: CredentialRef = {},
  secret?: SealedSecret,
): StepSubject {
  return {
    vendorKey: request.vendor.key,
    credentialId,
    requestId: request.requestId,
    role: request.role,
    purpose: request.purpose,
    requesterId: request.requester.userId,
    ttlMs: request.ttlMs,
    fields: request.fields,
    ref,
    ...(secret ? { secret } : {}),
  };
}
