/**
 * The request workflow (`request-<requestId>`): approval, then the vendor's provision playbook (API calls and
 * guided human steps), then private delivery, then hand-over to the credential workflow. Decisions and task
 * results arrive as validated updates, so a refused click never enters history. The access clock starts at
 * delivery, not at request, and never outlives an expiry the vendor imposes.
 */
import {
  ApplicationFailure,
  condition,
  isCancellation,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { StepSubject } from '../activities/vendor';
import { slack } from './activities';
import { outcome, refuseDecision } from './approval-rules';
import { credentialWorkflow } from './credential';
import { failureReason } from './failure-reason';
import { credentialWorkflowId } from './ids';
import { DECISION_REFUSED, decideUpdate, decisionRefusalQuery, requestStateQuery } from './messages';
import { runPlaybook } from './playbook';
import { STATUS, WAITING_ON } from './search-attributes';
import { subjectFor } from './subject';
import { TaskDesk } from './tasks';
import type { Credential, CredentialRequest, Decision, RequestState, RequestStatus } from './types';

export interface RequestOutcome {
  status: RequestState['status'];
  credentialId?: string;
}

const PROVISION_VERIFY = { attempts: 4, firstDelayMs: 2_000, maxDelayMs: 30_000 };
const CLEANUP_VERIFY = { attempts: 6, firstDelayMs: 5_000, maxDelayMs: 60_000 };

export async function requestWorkflow(request: CredentialRequest): Promise<RequestOutcome> {
  const startedAt = workflowInfo().startTime.getTime();
  const state: RequestState = {
    requestId: request.requestId,
    status: 'pending',
    decisions: [],
    pendingExpiresAt: new Date(startedAt + request.policy.pendingTimeoutMs).toISOString(),
  };
  const desk = request.policy.humanSteps ? new TaskDesk(request, request.policy.humanSteps) : undefined;
  setHandler(requestStateQuery, () => state);
  setHandler(decisionRefusalQuery, (decision) => refuseDecision(request, state, decision));
  setHandler(decideUpdate, (decision) => (state.decisions.push(decision), state), {
    validator: (decision: Decision) => {
      const refusal = refuseDecision(request, state, decision);
      if (refusal) throw ApplicationFailure.create({ type: DECISION_REFUSED, message: refusal, nonRetryable: true });
    },
  });

  state.approvalMessage = await slack.postApprovalRequest(request, state);
  const decided = await condition(
    () => outcome(request, state.decisions) !== undefined,
    request.policy.pendingTimeoutMs,
  );
  if (!decided || outcome(request, state.decisions) === 'deny') {
    setStatus(state, decided ? 'denied' : 'expired');
    const decision = state.decisions.find((d) => d.kind === 'deny');
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(
        request.requester.userId,
        decision ? { kind: 'denied', request, decision } : { kind: 'expired', request },
      ),
    ]);
    return { status: state.status };
  }
  return provisionAndDeliver(request, state, desk);
}

function setStatus(state: RequestState, status: RequestStatus): void {
  state.status = status;
  upsertSearchAttributes([
    { key: STATUS, value: status },
    { key: WAITING_ON, value: [] },
  ]);
}

async function provisionAndDeliver(
  request: CredentialRequest,
  state: RequestState,
  desk: TaskDesk | undefined,
): Promise<RequestOutcome> {
  setStatus(state, 'provisioning');
  const credentialId = request.requestId;
  await Promise.all([
    slack.updateApprovalMessage(request, state),
    slack.notify(request.requester.userId, { kind: 'approved', request }),
  ]);

  let subject: StepSubject = subjectFor(request, credentialId);
  try {
    const provisioned = await runPlaybook(request.playbooks.provision, subject, {
      verify: PROVISION_VERIFY,
      request,
      desk,
    });
    subject = provisioned.subject;
    if (!provisioned.ok)
      throw ApplicationFailure.create({
        type: 'VerificationFailed',
        message: `${provisioned.step.title}: ${provisioned.detail}`,
      });
    if (!subject.secret)
      throw ApplicationFailure.create({ type: 'NoSecret', message: 'the vendor steps produced no key' });

    // The credential workflow offers the one-time reveal at once; the access clock starts now.
    setStatus(state, 'delivering');
    const deliveredAt = Date.now();
    const expiresAt = earliest(new Date(deliveredAt + request.ttlMs).toISOString(), provisioned.expiresAt);
    const credential: Credential = {
      credentialId,
      request,
      current: {
        generationId: credentialId,
        generation: 1,
        ref: subject.ref,
        secret: subject.secret,
        deliveredAt: new Date(deliveredAt).toISOString(),
        ...(provisioned.expiresAt ? { vendorExpiresAt: provisioned.expiresAt } : {}),
        offered: false,
        revealed: false,
      },
      retiring: [],
      firstDeliveredAt: new Date(deliveredAt).toISOString(),
      expiresAt,
      remindedAt: [],
      remindersOff: false,
    };
    await startChild(credentialWorkflow, {
      workflowId: credentialWorkflowId(credentialId),
      args: [credential],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    setStatus(state, 'delivered');
    state.credentialId = credentialId;
    state.expiresAt = expiresAt;
    await slack.updateApprovalMessage(request, state);
    return { status: state.status, credentialId };
  } catch (error) {
    if (isCancellation(error)) throw error;
    setStatus(state, 'failed');
    state.failure = failureReason(error);
    // Nothing half-made may stay behind: undo whatever the provision steps created before reporting.
    if (madeSomething(request, subject)) await cleanUp(request, subject, desk);
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(request.requester.userId, { kind: 'failed', request, reason: state.failure }),
    ]);
    return { status: state.status };
  }
}

/** A vendor that makes things by API may have made them even if the call failed; a human one only once handed a result. */
function madeSomething(request: CredentialRequest, subject: StepSubject): boolean {
  return (
    !!subject.secret ||
    Object.keys(subject.ref).length > 0 ||
    request.playbooks.provision.some((s) => s.kind === 'call')
  );
}

async function cleanUp(request: CredentialRequest, subject: StepSubject, desk: TaskDesk | undefined): Promise<void> {
  const cleaned = await runPlaybook(request.playbooks.revoke, subject, { verify: CLEANUP_VERIFY, request, desk }).catch(
    (error: unknown) => ({ ok: false as const, detail: failureReason(error) }),
  );
  if (!cleaned.ok) {
    await slack.alertAdmins(
      request,
      `could not clean up after failed request \`${request.requestId}\` (${cleaned.detail}); check ${request.vendor.displayName} by hand.`,
    );
  }
}

function earliest(a: string, b: string | undefined): string {
  return b && Date.parse(b) < Date.parse(a) ? b : a;
}
