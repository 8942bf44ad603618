/**
 * The playbook engine: runs a vendor's steps in order. `call` steps are activities (retried by Temporal);
 * `verify` steps are retried here on durable timers, because a vendor may take a moment to reflect a change.
 */
import { sleep } from '@temporalio/workflow';
import type { StepSubject } from '../activities/vendor';
import type { PlaybookStep } from './types';
import { vendor } from './activities';

export interface VerifyPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export type PlaybookResult =
  { ok: true; subject: StepSubject } | { ok: false; subject: StepSubject; step: PlaybookStep; detail: string };

export async function runPlaybook(
  steps: readonly PlaybookStep[],
  start: StepSubject,
  verify: VerifyPolicy,
): Promise<PlaybookResult> {
  let subject = start;
  for (const step of steps) {
    if (step.kind === 'call') {
      const result = await vendor.vendorCall(step.action, subject);
      subject = {
        ...subject,
        ref: { ...subject.ref, ...result.ref },
        ...(result.secret ? { secret: result.secret } : {}),
      };
      continue;
    }
    const outcome = await verifyWithRetries(step.check, subject, verify);
    if (!outcome.ok) return { ok: false, subject, step, detail: outcome.detail };
  }
  return { ok: true, subject };
}

async function verifyWithRetries(check: string, subject: StepSubject, policy: VerifyPolicy) {
  let delay = policy.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await vendor.vendorVerify(check, subject);
    if (outcome.ok || attempt >= policy.attempts) return outcome;
    await sleep(delay);
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}
