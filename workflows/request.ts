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
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { StepSubject } from './steps';
import { slack } from './activities';
import { collectDecisions, progressNote, recordDecision, type Run } from './approval-phase';
import { outcome, refuseDecision } from './approval-rules';
import { audit, type AuditFields, type AuditMeasures } from './audit';
import { credentialWorkflow } from './credential';
import { formatDuration } from './duration';
import { adminMustAct, failureReason } from './failure-reason';
import { credentialWorkflowId } from './ids';
import {
  approverGroupsQuery,
  DECISION_REFUSED,
  decideUpdate,
  decisionRefusalQuery,
  requestStateQuery,
  timelineQuery,
} from './messages';
import { runPlaybook } from './playbook';
import { EXPIRES_AT, REQUESTER, ROLE, STATUS, VENDOR, WAITING_ON } from './search-attributes';
import { subjectFor } from './subject';
import { TaskDesk } from './tasks';
import type { AuditEntry, Credential, CredentialRequest, Decision, RequestState, RequestStatus } from './types';

export interface RequestOutcome {
  status: RequestState['status'];
  credentialId?: string;
}

const PROVISION_VERIFY = { attempts: 4, firstDelayMs: 2_000, maxDelayMs: 30_000 };
const CLEANUP_VERIFY = { attempts: 6, firstDelayMs: 5_000, maxDelayMs: 60_000 };

/**
 * Requests started before approval progress existed (thread notes, reminders, escalation, credential search
 * attributes) replay on their original path.
 */
const PROGRESS_PATCH = 'approval-progress-v1';

export async function requestWorkflow(request: CredentialRequest): Promise<RequestOutcome> {
  const startedAt = workflowInfo().startTime.getTime();
  const state: RequestState = {
    requestId: request.requestId,
    status: 'pending',
    decisions: [],
    pendingExpiresAt: new Date(startedAt + request.policy.pendingTimeoutMs).toISOString(),
  };
  const timeline: AuditEntry[] = [];
  const record = (event: string, fields?: AuditFields, measures?: AuditMeasures) =>
    audit(timeline, request, event, fields, measures);
  const run: Run = { request, state, record, progress: patched(PROGRESS_PATCH) };
  const desk = request.policy.humanSteps
    ? new TaskDesk(request, request.policy.humanSteps, record, (note) => progressNote(run, note))
    : undefined;
  setHandler(requestStateQuery, () => state);
  setHandler(timelineQuery, () => timeline);
  setHandler(approverGroupsQuery, () => request.policy.approverGroups ?? []);
  setHandler(decisionRefusalQuery, (decision) => refuseDecision(request, state, decision));
  setHandler(decideUpdate, (decision) => (state.decisions.push(decision), recordDecision(run, decision), state), {
    validator: (decision: Decision) => {
      const refusal = refuseDecision(request, state, decision);
      if (refusal) throw ApplicationFailure.create({ type: DECISION_REFUSED, message: refusal, nonRetryable: true });
    },
  });
  record('request.submitted', {
    actor: request.requester.userId,
    detail: `${request.vendor.displayName} ${request.role} for ${formatDuration(request.ttlMs)}: ${request.purpose}`,
  });

  if (request.autoApproval) {
    const because = request.autoApproval.destination ? ` for keys delivered to ${request.destination?.key ?? ''}` : '';
    record('request.auto_approved', {
      detail: `no approver needed${because} under policy ${request.policy.source ?? 'defaults'}`,
      people: [request.autoApproval.via],
    });
    return provisionAndDeliver(run, desk);
  }
  state.approvalMessage = await slack.postApprovalRequest(request, state);
  const decided = run.progress
    ? await collectDecisions(run)
    : await condition(() => outcome(request, state.decisions) !== undefined, request.policy.pendingTimeoutMs);
  if (!decided || outcome(request, state.decisions) === 'deny') {
    setStatus(run, decided ? 'denied' : 'expired');
    const decision = state.decisions.find((d) => d.kind === 'deny');
    if (!decision) record('request.expired', { detail: 'no decision within the pending timeout' });
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(
        request.requester.userId,
        decision ? { kind: 'denied', request, decision } : { kind: 'expired', request },
      ),
      ...(decision ? [] : [progressNote(run, { kind: 'expired' })]),
    ]);
    return { status: state.status };
  }
  record('request.approved', {
    detail: `${state.decisions.length} of ${request.policy.approvalsRequired} approvals`,
    people: state.decisions.map((d) => d.userId),
  });
  return provisionAndDeliver(run, desk);
}

function setStatus({ state }: Run, status: RequestStatus): void {
  state.status = status;
  upsertSearchAttributes([
    { key: STATUS, value: status },
    { key: WAITING_ON, value: [] },
  ]);
}

async function provisionAndDeliver(run: Run, desk: TaskDesk | undefined): Promise<RequestOutcome> {
  const { request, state } = run;
  setStatus(run, 'provisioning');
  const credentialId = request.requestId;
  if (state.approvalMessage) {
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      slack.notify(request.requester.userId, { kind: 'approved', request }),
    ]);
  } else {
    // Auto-approved: the approval channel still sees the request, already approved by policy.
    state.approvalMessage = await slack.postApprovalRequest(request, state);
    await Promise.all([
      progressNote(run, {
        kind: 'auto_approved',
        via: request.autoApproval?.via ?? '',
        ...(request.autoApproval?.destination && request.destination
          ? { destination: request.destination.describe }
          : {}),
      }),
      slack.notify(request.requester.userId, { kind: 'approved', request }),
    ]);
  }
  await progressNote(run, { kind: 'provisioning' });

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
    setStatus(run, 'delivering');
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
      timeline: [],
    };
    await startChild(credentialWorkflow, {
      workflowId: credentialWorkflowId(credentialId),
      args: [credential],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      ...(run.progress
        ? {
            typedSearchAttributes: [
              { key: REQUESTER, value: request.requester.userId },
              { key: VENDOR, value: request.vendor.key },
              { key: ROLE, value: request.role },
              { key: STATUS, value: 'active' },
              { key: EXPIRES_AT, value: new Date(expiresAt) },
            ],
          }
        : {}),
    });
    setStatus(run, 'delivered');
    state.credentialId = credentialId;
    state.expiresAt = expiresAt;
    const handedTo = request.destination ? `goes to ${request.destination.describe}` : 'offered to the requester';
    run.record('credential.delivered', { detail: `${handedTo}; expires ${expiresAt}` });
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      progressNote(run, {
        kind: 'delivered',
        expiresAt,
        ...(request.destination ? { destination: request.destination.describe } : {}),
      }),
    ]);
    return { status: state.status, credentialId };
  } catch (error) {
    if (isCancellation(error)) throw error;
    setStatus(run, 'failed');
    state.failure = failureReason(error);
    run.record('request.failed', { detail: state.failure });
    // Nothing half-made may stay behind: undo whatever the provision steps created before reporting.
    if (madeSomething(request, subject)) await cleanUp(run, subject, desk);
    await Promise.all([
      slack.updateApprovalMessage(request, state),
      progressNote(run, { kind: 'failed', reason: state.failure }),
      slack.notify(request.requester.userId, { kind: 'failed', request, reason: state.failure }),
      // Only these new failure types alert here, so no earlier history takes this path on replay.
      ...(adminMustAct(error)
        ? [slack.alertAdmins(request, `request \`${request.requestId}\` stopped: ${state.failure}`)]
        : []),
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

async function cleanUp(run: Run, subject: StepSubject, desk: TaskDesk | undefined): Promise<void> {
  const { request } = run;
  const cleaned = await runPlaybook(request.playbooks.revoke, subject, { verify: CLEANUP_VERIFY, request, desk }).catch(
    (error: unknown) => ({ ok: false as const, detail: failureReason(error) }),
  );
  run.record(cleaned.ok ? 'request.cleaned_up' : 'request.cleanup_failed', {
    detail: cleaned.ok ? 'what the failed steps made was removed' : cleaned.detail,
  });
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
