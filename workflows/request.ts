/**
 * The request workflow (`request-<requestId>`): approval, then the vendor's provision playbook, then private
 * delivery, then hand-over to the credential workflow. Decisions arrive as validated updates, so a refused click
 * never enters history. The access clock starts at delivery, not at request.
 */
import {
  ApplicationFailure,
  condition,
  isCancellation,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { StepSubject } from '../activities/vendor';
import { slack } from './activities';
import { outcome, refuseDecision } from './approval-rules';
import { credentialWorkflow } from './credential';
import { DECISION_REFUSED, decideUpdate, decisionRefusalQuery, requestStateQuery } from './messages';
import { runPlaybook } from './playbook';
import { failureReason } from './failure-reason';
import type { Credential, CredentialRequest, Decision, RequestState } from './types';

export interface RequestOutcome {
  status: RequestState['status'];
  credentialId?: string;
}

export const credentialWorkflowId = (credentialId: string): string => `credential-${credentialId}`;

export async function requestWorkflow(request: CredentialRequest): Promise<RequestOutcome> {
  const startedAt = Date.parse(workflowInfo().startTime.toISOString());
  const state: RequestState = {
    requestId: request.requestId,
    status: 'pending',
    decisions: [],
    pendingExpiresAt: new Date(startedAt + request.policy.pendingTimeoutMs).toISOString(),
  };
  setHandler(requestStateQuery, () => state);
  setHandler(decisionRefusalQuery, (decision) => refuseDecision(request, state, decision));
  setHandler(
    decideUpdate,
    (decision) => {
      state.decisions.push(decision);
      return state;
    },
    {
      validator: (decision: Decision) => {
        const refusal = refuseDecision(request, state, decision);
        if (refusal) throw ApplicationFailure.create({ type: DECISION_REFUSED, message: refusal, nonRetryable: true });
      },
    },
  );

  state.approvalMessage = await slack.postApprovalRequest(request, state);
  const decided = await condition(
    () => outcome(request, state.decisions) !== undefined,
    request.policy.pendingTimeoutMs,
  );
  if (!decided) {
    state.status = 'expired';
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(request.requester.userId, { kind: 'expired', request }),
    ]);
    return { status: state.status };
  }
  if (outcome(request, state.decisions) === 'deny') {
    state.status = 'denied';
    const decision = state.decisions.find((d) => d.kind === 'deny') ?? state.decisions[0]!;
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(request.requester.userId, { kind: 'denied', request, decision }),
    ]);
    return { status: state.status };
  }
  return provisionAndDeliver(request, state);
}

async function provisionAndDeliver(request: CredentialRequest, state: RequestState): Promise<RequestOutcome> {
  state.status = 'provisioning';
  const credentialId = request.requestId;
  await Promise.all([
    slack.updateApprovalMessage(request, state),
    slack.notify(request.requester.userId, { kind: 'approved', request }),
  ]);

  let subject: StepSubject = {
    vendorKey: request.vendor.key,
    credentialId,
    requestId: request.requestId,
    role: request.role,
    purpose: request.purpose,
    requesterId: request.requester.userId,
    fields: request.fields,
    ref: {},
  };
  try {
    const provisioned = await runPlaybook(request.playbooks.provision, subject, {
      attempts: 4,
      firstDelayMs: 2_000,
      maxDelayMs: 30_000,
    });
    subject = provisioned.subject;
    if (!provisioned.ok)
      throw ApplicationFailure.create({
        type: 'VerificationFailed',
        message: `${provisioned.step.title}: ${provisioned.detail}`,
      });
    if (!subject.secret)
      throw ApplicationFailure.create({ type: 'NoSecret', message: 'the vendor steps produced no key' });

    state.status = 'delivering';
    const deliveredAt = Date.now();
    const expiresAt = new Date(deliveredAt + request.ttlMs).toISOString();
    await slack.deliverCredential({ credentialId, request, secret: subject.secret, expiresAt });
    const credential: Credential = {
      credentialId,
      request,
      ref: subject.ref,
      secret: subject.secret,
      deliveredAt: new Date(deliveredAt).toISOString(),
      expiresAt,
    };
    await startChild(credentialWorkflow, {
      workflowId: credentialWorkflowId(credentialId),
      args: [credential],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    state.status = 'delivered';
    state.credentialId = credentialId;
    state.expiresAt = expiresAt;
    await slack.updateApprovalMessage(request, state);
    return { status: state.status, credentialId };
  } catch (error) {
    if (isCancellation(error)) throw error;
    state.status = 'failed';
    state.failure = failureReason(error);
    // Nothing half-made may stay behind: undo whatever the provision steps created before reporting.
    await cleanUp(request, subject);
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(request.requester.userId, { kind: 'failed', request, reason: state.failure }),
    ]);
    return { status: state.status };
  }
}

async function cleanUp(request: CredentialRequest, subject: StepSubject): Promise<void> {
  const cleaned = await runPlaybook(request.playbooks.revoke, subject, {
    attempts: 6,
    firstDelayMs: 5_000,
    maxDelayMs: 60_000,
  }).catch((error: unknown) => ({ ok: false as const, detail: failureReason(error) }));
  if (!cleaned.ok) {
    await slack.alertAdmins(
      request,
      `could not clean up after failed request \`${request.requestId}\` (${cleaned.detail}); check ${request.vendor.displayName} by hand.`,
    );
  }
}
