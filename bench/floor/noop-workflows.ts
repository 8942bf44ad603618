/**
 * P2's floor: workflows that do nothing but what Keywarden's request and credential workflows do to Temporal: the
 * same activity batches (on the main queue or a vendor queue, in parallel where Keywarden runs them in parallel)
 * and the same child workflow, read from a real Keywarden request's history. The activities return at once.
 */
import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';

export type PlanStep = { kind: 'activities'; queue: 'main' | 'vendor'; count: number } | { kind: 'child' };

export interface FloorInput {
  plan: PlanStep[];
  childPlan: PlanStep[];
  vendorQueue: string;
}

interface NoopActivities {
  noop(): Promise<void>;
}

const options = { startToCloseTimeout: '1 minute' } as const;

async function runPlan(input: FloorInput, plan: PlanStep[]): Promise<void> {
  const main = proxyActivities<NoopActivities>(options);
  const vendor = proxyActivities<NoopActivities>({ ...options, taskQueue: input.vendorQueue });
  for (const step of plan) {
    if (step.kind === 'child') {
      await startChild(floorCredential, {
        workflowId: `${workflowInfo().workflowId}-child`,
        args: [{ ...input, plan: input.childPlan, childPlan: [] }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      continue;
    }
    const queue = step.queue === 'vendor' ? vendor : main;
    await Promise.all(Array.from({ length: step.count }, () => queue.noop()));
  }
}

export async function floorRequest(input: FloorInput): Promise<void> {
  await runPlan(input, input.plan);
}

export async function floorCredential(input: FloorInput): Promise<void> {
  await runPlan(input, input.plan);
}
