/**
 * Activity stubs with explicit timeouts and retry policies. Slack calls retry for a while then give up;
 * vendor calls back off longer, and honour a vendor's Retry-After through `nextRetryDelay`.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { KeywardenActivities } from '../activities';

export const slack = proxyActivities<KeywardenActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 15 },
});

export const vendor = proxyActivities<KeywardenActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
});
