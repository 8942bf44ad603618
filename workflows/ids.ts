/** Deterministic workflow ids: one request workflow and one credential workflow per request, never two. */
export const requestWorkflowId = (requestId: string): string => `request-${requestId}`;
/**
 * The task queue a vendor's activities run on: one per vendor, so that each has its own cluster-wide rate limit
 * (a rotation storm never exceeds what the vendor allows, however many workers there are).
 */
export const vendorTaskQueue = (mainQueue: string, vendorKey: string): string => `${mainQueue}.vendor.${vendorKey}`;
export const credentialWorkflowId = (credentialId: string): string => `credential-${credentialId}`;
