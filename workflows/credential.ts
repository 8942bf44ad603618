/**
 * The credential workflow (`credential-<credentialId>`): holds a delivered credential until its expiry on a
 * durable timer, then runs the vendor's revoke playbook (API calls, or a guided task for the operator) and
 * proves the old secret is refused. A revocation that cannot be proved is retried, handed back to the
 * operator, and finally escalated to the admins — never dropped silently.
 */
import { setHandler, sleep } from '@temporalio/workflow';
import { slack } from './activities';
import { failureReason } from './failure-reason';
import { credentialStateQuery } from './messages';
import { runPlaybook } from './playbook';
import { subjectFor } from './subject';
import { TaskDesk } from './tasks';
import type { Credential, CredentialState } from './types';

/** Automated revocations are re-checked with backoff for about a day before the admins are alerted. */
const REVOKE_VERIFY = { attempts: 12, firstDelayMs: 5_000, maxDelayMs: 4 * 3_600_000 };

export async function credentialWorkflow(credential: Credential): Promise<CredentialState> {
  const { request } = credential;
  const state: CredentialState = {
    credentialId: credential.credentialId,
    status: 'active',
    expiresAt: credential.expiresAt,
  };
  setHandler(credentialStateQuery, () => state);
  const desk = request.policy.humanSteps ? new TaskDesk(request, request.policy.humanSteps) : undefined;

  const untilExpiry = Date.parse(credential.expiresAt) - Date.now();
  if (untilExpiry > 0) await sleep(untilExpiry);

  state.status = 'revoking';
  const subject = subjectFor(request, credential.credentialId, credential.ref, credential.secret);
  const revoked = await runPlaybook(request.playbooks.revoke, subject, { verify: REVOKE_VERIFY, request, desk }).catch(
    (error: unknown) => ({ ok: false as const, detail: failureReason(error) }),
  );

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
