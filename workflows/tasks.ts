/**
 * Human steps in a workflow: posts a task to its assignees, accepts the result through a validated update
 * (only an assignee, only the open task, a secret when one is expected), reminds on a cadence, and ends at a
 * deadline. One desk per workflow; it owns the task handlers and the `openTask` query.
 */
import {
  ApplicationFailure,
  condition,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { StepSubject } from './steps';
import { slack } from './activities';
import { declineTaskUpdate, openTaskQuery, submitTaskUpdate, TASK_REFUSED } from './messages';
import { OPEN_TASK_MEMO, WAITING_ON, type OpenTaskMemo } from './search-attributes';
import type { AuditFields, AuditMeasures } from './audit';
import type { CredentialRequest, HumanStepPolicy, PlaybookStep } from './types';
import type { OpenTask, ProgressNote, TaskDecline, TaskSubmission } from './notices';

/** Records an audit event in the owning workflow's timeline. */
export type AuditRecorder = (event: string, fields?: AuditFields, measures?: AuditMeasures) => void;

/** Reports a step in the approval thread (request workflows only; a no-op elsewhere). */
export type ProgressReporter = (note: ProgressNote) => Promise<void>;

export type TaskStep = Extract<PlaybookStep, { kind: 'task' }>;

/** Failure types a workflow reports to people: the request ends with the message as its reason. */
export const TASK_DECLINED = 'TaskDeclined';
export const DEADLINE_PASSED = 'DeadlinePassed';

export class TaskDesk {
  private task: OpenTask | undefined;
  private submission: TaskSubmission | undefined;
  private decline: TaskDecline | undefined;
  private opened = 0;

  constructor(
    private readonly request: CredentialRequest,
    private readonly policy: HumanStepPolicy,
    private readonly record: AuditRecorder = () => undefined,
    private readonly progress: ProgressReporter = () => Promise.resolve(),
  ) {
    setHandler(openTaskQuery, () => this.task);
    setHandler(submitTaskUpdate, (submission) => void (this.submission = submission), {
      validator: (submission: TaskSubmission) =>
        this.refuse(submission.taskId, submission.userId, () => {
          if (this.task?.returnsSecret && !submission.secret)
            return 'This step needs the key itself; paste it in the form.';
          return undefined;
        }),
    });
    setHandler(declineTaskUpdate, (decline) => void (this.decline = decline), {
      validator: (decline: TaskDecline) =>
        this.refuse(decline.taskId, decline.userId, () =>
          decline.reason.trim() ? undefined : 'Give a reason; the requester will see it.',
        ),
    });
  }

  /**
   * Opens the task (again, with `error`, after a failed verification) and waits for its result. Throws a
   * non-retryable failure when the person declines or the deadline passes.
   */
  async run(step: TaskStep, subject: StepSubject, deadline: number, error?: string): Promise<TaskSubmission> {
    const taskId = `${step.task}-${++this.opened}`;
    const posted = await slack.openTask({
      request: this.request,
      workflowId: workflowInfo().workflowId,
      taskId,
      step,
      subject,
      deadline: new Date(deadline).toISOString(),
      error,
    });
    this.task = {
      taskId,
      workflowId: workflowInfo().workflowId,
      title: step.title,
      assignees: posted.assignees,
      returnsSecret: step.returnsSecret,
      ...(posted.secretLabel ? { secretLabel: posted.secretLabel } : {}),
      deadline: new Date(deadline).toISOString(),
      messages: posted.messages,
    };
    this.submission = undefined;
    this.decline = undefined;
    this.record('task.opened', {
      detail: `${step.title}${error ? ' (handed back after a failed check)' : ''}`,
      people: posted.assignees,
    });
    upsertSearchAttributes([{ key: WAITING_ON, value: posted.assignees }]);
    upsertMemo({ [OPEN_TASK_MEMO]: { title: step.title, deadline: this.task.deadline } satisfies OpenTaskMemo });
    await this.progress({ kind: 'task_opened', title: step.title, assignees: posted.assignees, handedBack: !!error });
    try {
      const submission = await this.waitForResult(deadline, Date.now());
      await this.progress({ kind: 'task_done', title: step.title, userId: submission.userId });
      return submission;
    } finally {
      const task = this.task;
      this.task = undefined;
      upsertSearchAttributes([{ key: WAITING_ON, value: [] }]);
      upsertMemo({ [OPEN_TASK_MEMO]: null });
      await slack.closeTask(task.messages, this.closingNote());
    }
  }

  private async waitForResult(deadline: number, openedAt: number): Promise<TaskSubmission> {
    for (;;) {
      const left = deadline - Date.now();
      const answered =
        left > 0 &&
        (await condition(() => !!this.submission || !!this.decline, Math.min(left, this.policy.remindEveryMs)));
      if (this.decline) {
        this.record('task.declined', { actor: this.decline.userId, detail: this.decline.reason });
        throw ApplicationFailure.create({
          type: TASK_DECLINED,
          message: `<@${this.decline.userId}> could not complete "${this.task?.title}": ${this.decline.reason}`,
          nonRetryable: true,
        });
      }
      if (answered && this.submission) {
        this.record(
          'task.submitted',
          { actor: this.submission.userId, detail: this.task?.title ?? '' },
          { waitedMs: Date.now() - openedAt },
        );
        return this.submission;
      }
      if (Date.now() >= deadline) {
        this.record('task.deadline_passed', { detail: this.task?.title ?? '' });
        throw ApplicationFailure.create({
          type: DEADLINE_PASSED,
          message: `"${this.task?.title}" was not done by its deadline`,
          nonRetryable: true,
        });
      }
      if (this.task) await slack.remindTask(this.task);
    }
  }

  private closingNote(): string {
    if (this.decline) return `Closed: <@${this.decline.userId}> could not complete it.`;
    if (this.submission) return `Done by <@${this.submission.userId}>; Keywarden is checking the result.`;
    return 'Closed: the deadline passed.';
  }

  private refuse(taskId: string, userId: string, extra: () => string | undefined): void {
    const reason =
      !this.task || this.task.taskId !== taskId || this.submission || this.decline
        ? 'This step is no longer waiting for an answer.'
        : !this.task.assignees.includes(userId)
          ? 'This step is assigned to someone else.'
          : extra();
    if (reason) throw ApplicationFailure.create({ type: TASK_REFUSED, message: reason, nonRetryable: true });
  }
}
