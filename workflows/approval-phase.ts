/**
 * The approval phase of a request: each decision recorded for the audit trail and noted in the approval
 * message's thread, reminders to the approvers, one escalation, until the request is decided or times out.
 */
import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { slack } from './activities';
import { approvalCount, outcome, waitingOnApprovers } from './approval-rules';
import type { AuditFields } from './audit';
import { formatDuration } from './duration';
import { WAITING_ON } from './search-attributes';
import type { CredentialRequest, Decision, RequestState } from './types';
import type { ProgressNote } from './notices';

/** What one request run carries besides its input: its state, how it records audit events and reports progress. */
export interface Run {
  request: CredentialRequest;
  state: RequestState;
  record: (event: string, fields?: AuditFields) => void;
  /** False when replaying a history from before progress notes. */
  progress: boolean;
}

export function recordDecision({ request, state, record }: Run, decision: Decision): void {
  if (decision.kind === 'deny') {
    record('request.denied', { actor: decision.userId, detail: decision.reason ?? '' });
    return;
  }
  const { have, need } = approvalCount(request, state.decisions);
  record('request.approval', {
    actor: decision.userId,
    detail: `approval ${have} of ${need}${decision.viaGroup ? ', as a member of an approver group' : ''}`,
    ...(decision.viaGroup ? { people: [decision.viaGroup] } : {}),
  });
}

/**
 * Waits for a decision, noting each one in the approval thread, reminding the approvers every `remindEveryMs`
 * and escalating once after `escalation.afterMs`. True when decided, false when the pending timeout passed.
 */
export async function collectDecisions(run: Run): Promise<boolean> {
  const { request, state } = run;
  const { remindEveryMs, escalation } = request.policy;
  const startedAt = workflowInfo().startTime.getTime();
  const deadline = Date.parse(state.pendingExpiresAt);
  let remindAt = remindEveryMs ? startedAt + remindEveryMs : Infinity;
  let escalateAt = escalation ? startedAt + escalation.afterMs : Infinity;
  let noted = 0;
  for (;;) {
    for (; noted < state.decisions.length; noted++) {
      const decision = state.decisions[noted] as Decision;
      const { have, need } = approvalCount(request, state.decisions.slice(0, noted + 1));
      await progressNote(run, { kind: 'decision', decision, have, need });
      if (state.decisions.length > noted + 1 || outcome(request, state.decisions) !== undefined) continue;
      // Whoever has voted no longer finds the request in `/keys pending`.
      upsertSearchAttributes([{ key: WAITING_ON, value: waitingOnApprovers(request, state.decisions) }]);
      await slack.updateApprovalMessage(request, state);
    }
    if (outcome(request, state.decisions) !== undefined) return true;
    const now = Date.now();
    if (now >= deadline) return false;
    if (escalation && now >= escalateAt) {
      escalateAt = Infinity;
      await escalate(run, escalation, now - startedAt);
    } else if (remindEveryMs && now >= remindAt) {
      remindAt = now + remindEveryMs;
      run.record('request.reminded', { detail: 'approvers reminded in the approval thread' });
      const { have, need } = approvalCount(request, state.decisions);
      await progressNote(run, { kind: 'reminder', have, need, pendingExpiresAt: state.pendingExpiresAt });
    } else {
      await condition(() => state.decisions.length > noted, Math.min(deadline, remindAt, escalateAt) - now);
    }
  }
}

async function escalate(
  run: Run,
  escalation: NonNullable<CredentialRequest['policy']['escalation']>,
  waitedMs: number,
): Promise<void> {
  const { request, state } = run;
  run.record('request.escalated', {
    detail: `undecided after ${formatDuration(waitedMs)}`,
    people: [...escalation.users, ...escalation.groups],
  });
  await Promise.all([
    progressNote(run, { kind: 'escalated', users: escalation.users, groups: escalation.groups, waitedMs }),
    ...escalation.users.map((user) =>
      slack.notify(user, {
        kind: 'escalated',
        request,
        waitedMs,
        ...(state.approvalMessage ? { approvalMessage: state.approvalMessage } : {}),
      }),
    ),
  ]);
}

/** A line in the approval message's thread; skipped for histories from before thread notes existed. */
export async function progressNote(run: Run, note: ProgressNote): Promise<void> {
  if (!run.progress) return;
  const message = run.state.approvalMessage;
  if (message) await slack.postProgress(message, note);
}
