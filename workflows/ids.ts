/** Deterministic workflow ids: one request workflow and one credential workflow per request, never two. */
export const requestWorkflowId = (requestId: string): string => `request-${requestId}`;
export const credentialWorkflowId = (credentialId: string): string => `credential-${credentialId}`;
