/**
 * Activity stubs with explicit timeouts and retry policies. Slack calls retry for a while then give up;
 * vendor calls back off longer, and honour a vendor's Retry-After through `nextRetryDelay`.
 */
import { patched, proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { KeywardenActivities } from './activity-contract';
import { vendorTaskQueue } from './ids';

export const slack = proxyActivities<KeywardenActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 15 },
});

const VENDOR_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
};

/** Histories from before vendor task queues scheduled vendor steps on the main queue; they replay that way. */
export const VENDOR_QUEUES_PATCH = 'vendor-task-queues';

/** A vendor's steps, on that vendor's own rate-limited task queue (see `vendorTaskQueue`). */
export function vendorActivities(vendorKey: string) {
  const taskQueue = patched(VENDOR_QUEUES_PATCH) ? vendorTaskQueue(workflowInfo().taskQueue, vendorKey) : undefined;
  return proxyActivities<KeywardenActivities>({ ...VENDOR_OPTIONS, ...(taskQueue ? { taskQueue } : {}) });
}
