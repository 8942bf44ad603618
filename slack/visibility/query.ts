/** Small helpers for Temporal visibility queries over Keywarden's workflows. */

/** A Slack id quoted for a visibility query; Slack ids are upper-case letters and digits, nothing else passes. */
export const quoted = (id: string): string => `'${id.replace(/[^A-Z0-9]/g, '')}'`;

/** `request-k7m2q9xd4a` and `credential-k7m2q9xd4a` both belong to request `k7m2q9xd4a`. */
export const idOf = (workflowId: string): string => workflowId.replace(/^(request|credential)-/, '');

/** Only this deployment's workflows: a namespace may host other Keywarden deployments (staging, another team). */
export const inQueue = (taskQueue: string): string => `TaskQueue = '${taskQueue.replace(/'/g, '')}'`;
