/**
 * The credential workflow (`credential-<credentialId>`): holds a delivered credential until its expiry on a
 * durable timer, then runs the vendor's revoke playbook and proves the old secret is refused. A revocation that
 * cannot be proved is retried for a day and then escalated to the admins, never dropped silently.
 */
import { setHandler, sleep } from '@temporalio/workflow';
import type { StepSubject } from '../activities/vendor';
import { slack } from './activities';
import { failureReason } from './failure-reason';
import { credentialStateQuery } from './messages';
import { runPlaybook } from './playbook';
import type { Credential, CredentialState } from './types';

/** How long Keywarden keeps trying to prove a revocation before alerting the admins. */
const REVOKE_VERIFY_ATTEMPTS = 12;

export async function credentialWorkflow(credential: Credential): Promise<CredentialState> {
  const { request } = credential;
  const state: CredentialState = {
    credentialId: credential.credentialId,
    status: 'active',
    expiresAt: credential.expiresAt,
  };
  setHandler(credentialStateQuery, () => state);

  const untilExpiry = Date.parse(credential.expiresAt) - Date.now();
  if (untilExpiry > 0) await sleep(untilExpiry);

  state.status = 'revoking';
  const subject: StepSubject = {
    vendorKey: request.vendor.key,
    credentialId: credential.credentialId,
    requestId: request.requestId,
    role: request.role,
    purpose: request.purpose,
    requesterId: request.requester.userId,
    fields: request.fields,
    ref: credential.ref,
    secret: credential.secret,
  };
  const revoked = await runPlaybook(request.playbooks.revoke, subject, {
    attempts: REVOKE_VERIFY_ATTEMPTS,
    firstDelayMs: 5_000,
    maxDelayMs: 4 * 3_600_000,
  }).catch((error: unknown) => ({ ok: false as const, detail: failureReason(error) }));

  state.revokedAt = new Date().toISOString();
  state.status = revoked.ok ? 'revoked' : 'revoke_unverified';
  if (!revoked.ok) {
    await slack.alertAdmins(
      request,
      `could not verify that the ${request.vendor.displayName} key from request \`${request.requestId}\` was revoked (${revoked.detail}). Revoke it by hand.`,
    );
  }
  await slack.notify(request.requester.userId, { kind: 'revoked', request, verified: revoked.ok });
  return state;
}
