/**
 * The playbook engine: one interpreter for every vendor. `call` steps are activities (retried by Temporal);
 * `verify` steps are retried on durable timers (a vendor may take a moment to reflect a change) or, after a
 * human step, hand the task back with the vendor's answer; `await` polls a vendor condition, reminding the
 * person it waits on; `task` asks a person in Slack (see `tasks.ts`). Each human step has its own deadline,
 * counted from when it starts; a task handed back keeps its original deadline.
 */
import { ApplicationFailure, sleep } from '@temporalio/workflow';
import type { StepSubject } from './steps';
import { slack, vendorActivities } from './activities';
import { DEADLINE_PASSED, type TaskDesk, type TaskStep } from './tasks';
import type { CredentialRequest, HumanStepPolicy, PlaybookStep } from './types';

export interface VerifyPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface PlaybookOptions {
  verify: VerifyPolicy;
  request: CredentialRequest;
  /** Required when the playbook has human steps. */
  desk?: TaskDesk;
}

export type PlaybookResult =
  | { ok: true; subject: StepSubject; expiresAt?: string }
  | { ok: false; subject: StepSubject; step: PlaybookStep; detail: string };

type VerifyStep = Extract<PlaybookStep, { kind: 'verify' }>;
type AwaitStep = Extract<PlaybookStep, { kind: 'await' }>;

export async function runPlaybook(
  steps: readonly PlaybookStep[],
  start: StepSubject,
  options: PlaybookOptions,
): Promise<PlaybookResult> {
  const human = options.request.policy.humanSteps;
  const deadlineFromNow = () => Date.now() + (human?.deadlineMs ?? 0);
  let subject = start;
  let expiresAt: string | undefined;
  let lastTask: OpenedTask | undefined;
  for (const step of steps) {
    if (step.kind === 'call') {
      const result = await vendorActivities(subject.vendorKey).vendorCall(step.action, subject);
      subject = merge(subject, result);
    } else if (step.kind === 'await') {
      subject = merge(
        subject,
        await awaitCondition(step, subject, requireHuman(human, step), deadlineFromNow(), options.request),
      );
    } else if (step.kind === 'task') {
      requireHuman(human, step);
      lastTask = { step, deadline: deadlineFromNow() };
      subject = withSubmission(subject, await requireDesk(options.desk).run(step, subject, lastTask.deadline));
    } else {
      const verified = await verifyStep(step, subject, lastTask, options);
      if (!verified.ok) return { ok: false, subject: verified.subject, step, detail: verified.detail };
      subject = verified.subject;
      expiresAt = earliest(expiresAt, verified.expiresAt);
    }
  }
  return { ok: true, subject, ...(expiresAt ? { expiresAt } : {}) };
}

interface OpenedTask {
  step: TaskStep;
  deadline: number;
}

type Verified =
  { ok: true; subject: StepSubject; expiresAt?: string } | { ok: false; subject: StepSubject; detail: string };

async function verifyStep(
  step: VerifyStep,
  start: StepSubject,
  task: OpenedTask | undefined,
  options: PlaybookOptions,
): Promise<Verified> {
  let subject = start;
  for (;;) {
    const outcome =
      step.retryTask && task
        ? await verifySettled(step, subject, options.verify)
        : await verifyWithRetries(step.check, subject, options.verify);
    if (outcome.ok)
      return {
        ok: true,
        subject: merge(subject, { ref: outcome.ref }),
        ...(outcome.expiresAt ? { expiresAt: outcome.expiresAt } : {}),
      };
    if (!step.retryTask || !task) return { ok: false, subject, detail: outcome.detail };
    // A person's result did not check out: hand the task back with what the vendor said, until the deadline.
    subject = withSubmission(
      subject,
      await requireDesk(options.desk).run(task.step, subject, task.deadline, outcome.detail),
    );
  }
}

/**
 * Checks a person's result. With `settleMs`, a failure is re-checked on durable timers until that long after the
 * first check, since some vendors take minutes to apply a change (e.g. a revoked token keeps working a while);
 * without it, one check, exactly as before the field existed (old histories replay unchanged).
 */
async function verifySettled(step: VerifyStep, subject: StepSubject, policy: VerifyPolicy) {
  const settleUntil = Date.now() + (step.settleMs ?? 0);
  let delay = policy.firstDelayMs;
  for (;;) {
    const outcome = await vendorActivities(subject.vendorKey).vendorVerify(step.check, subject);
    const left = settleUntil - Date.now();
    if (outcome.ok || left <= 0) return outcome;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}

async function verifyWithRetries(check: string, subject: StepSubject, policy: VerifyPolicy) {
  let delay = policy.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await vendorActivities(subject.vendorKey).vendorVerify(check, subject);
    if (outcome.ok || attempt >= policy.attempts) return outcome;
    await sleep(delay);
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}

async function awaitCondition(
  step: AwaitStep,
  subject: StepSubject,
  human: HumanStepPolicy,
  deadline: number,
  request: CredentialRequest,
) {
  const pollEvery = Math.min(step.pollEveryMs, human.remindEveryMs);
  let nextReminder = Date.now() + human.remindEveryMs;
  for (;;) {
    const outcome = await vendorActivities(subject.vendorKey).vendorCondition(step.condition, subject);
    if (outcome.met) return { ref: outcome.ref };
    if (Date.now() >= deadline) {
      throw ApplicationFailure.create({
        type: DEADLINE_PASSED,
        message: `"${step.title}" did not happen by its deadline (${outcome.detail})`,
        nonRetryable: true,
      });
    }
    if (Date.now() >= nextReminder) {
      await slack.remindAwait(request, step.assignee, `${step.title}: ${outcome.detail}`);
      nextReminder = Date.now() + human.remindEveryMs;
    }
    await sleep(Math.min(pollEvery, Math.max(deadline - Date.now(), 1)));
  }
}

function merge(
  subject: StepSubject,
  result: { ref?: StepSubject['ref']; secret?: StepSubject['secret'] },
): StepSubject {
  return { ...subject, ref: { ...subject.ref, ...result.ref }, ...(result.secret ? { secret: result.secret } : {}) };
}

function withSubmission(subject: StepSubject, submission: { secret?: StepSubject['secret'] }): StepSubject {
  return submission.secret ? { ...subject, secret: submission.secret } : subject;
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function requireHuman(human: HumanStepPolicy | undefined, step: PlaybookStep): HumanStepPolicy {
  if (!human)
    throw ApplicationFailure.create({
      type: 'Misconfigured',
      message: `"${step.title}" needs human_steps in the vendor's configuration`,
      nonRetryable: true,
    });
  return human;
}

function requireDesk(desk: TaskDesk | undefined): TaskDesk {
  if (!desk)
    throw ApplicationFailure.create({
      type: 'Misconfigured',
      message: 'this playbook has human steps but no task desk',
      nonRetryable: true,
    });
  return desk;
}
