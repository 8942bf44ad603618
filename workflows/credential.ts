/**
 * The credential workflow (`credential-<credentialId>`): offers the requester a one-time reveal of the secret,
 * revokes it unseen if nobody reveals it in time, otherwise holds it until expiry on a durable timer, then runs
 * the vendor's revoke playbook (API calls, or a guided task for the operator) and proves the old secret is
 * refused. A revocation that cannot be proved is retried, handed back to the operator, and finally escalated to
 * the admins — never dropped silently.
 */
import { ApplicationFailure, condition, setHandler, sleep } from '@temporalio/workflow';
import { slack } from './activities';
import { failureReason } from './failure-reason';
import { credentialStateQuery, REVEAL_REFUSED, revealUpdate } from './messages';
import { runPlaybook } from './playbook';
import { subjectFor } from './subject';
import { TaskDesk } from './tasks';
import type { Credential, CredentialState, RevealRequest } from './types';

/** Automated revocations are re-checked with backoff for about a day before the admins are alerted. */
const REVOKE_VERIFY = { attempts: 12, firstDelayMs: 5_000, maxDelayMs: 4 * 3_600_000 };

export async function credentialWorkflow(credential: Credential): Promise<CredentialState> {
  const { request } = credential;
  const state: CredentialState = {
    credentialId: credential.credentialId,
    status: 'awaiting_reveal',
    expiresAt: credential.expiresAt,
  };
  setHandler(credentialStateQuery, () => state);
  const desk = request.policy.humanSteps ? new TaskDesk(request, request.policy.humanSteps) : undefined;
  setHandler(
    revealUpdate,
    () => {
      state.status = 'active';
      state.revealedAt = new Date().toISOString();
      return {
        secret: credential.secret,
        requestId: request.requestId,
        vendorName: request.vendor.displayName,
        role: request.role,
        expiresAt: credential.expiresAt,
      };
    },
    { validator: (reveal: RevealRequest) => refuseReveal(credential, state, reveal) },
  );

  const untilExpiry = () => Date.parse(credential.expiresAt) - Date.now();
  const revealBy = new Date(Math.min(Date.now() + request.policy.revealWithinMs, Date.parse(credential.expiresAt)));
  await slack.deliverCredential({
    credentialId: credential.credentialId,
    request,
    expiresAt: credential.expiresAt,
    revealBy: revealBy.toISOString(),
  });
  const revealed = await condition(
    () => state.status !== 'awaiting_reveal',
    Math.max(revealBy.getTime() - Date.now(), 0),
  );
  if (revealed && untilExpiry() > 0) await sleep(untilExpiry());

  const verified = await revoke(credential, state, desk);
  await slack.notify(request.requester.userId, { kind: revealed ? 'revoked' : 'unrevealed', request, verified });
  return state;
}

function refuseReveal(credential: Credential, state: CredentialState, reveal: RevealRequest): void {
  const reason =
    reveal.userId !== credential.request.requester.userId
      ? 'Only the requester can reveal this key.'
      : state.revealedAt
        ? 'This key was already revealed; Keywarden shows it only once. If it is lost, ask an admin to revoke it and request a new one.'
        : state.status !== 'awaiting_reveal'
          ? 'This key was not revealed in time and has been revoked; request a new one.'
          : undefined;
  if (reason) throw ApplicationFailure.create({ type: REVEAL_REFUSED, message: reason, nonRetryable: true });
}

/** Runs the revoke playbook; alerts the admins when the vendor cannot be shown to refuse the old secret. */
async function revoke(credential: Credential, state: CredentialState, desk: TaskDesk | undefined): Promise<boolean> {
  const { request } = credential;
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
  return revoked.ok;
}
