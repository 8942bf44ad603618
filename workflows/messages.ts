/**
 * Messages the bot sends to workflows. Exported as objects so the bot and the workflows share one definition,
 * never a string name.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AuditEntry,
  CredentialAction,
  CredentialState,
  Decision,
  RequestState,
  RevealedCredential,
  RevealRequest,
} from './types';
import type { OpenTask, TaskDecline, TaskSubmission } from './notices';

/** Approve or deny a pending request. Rejected (never recorded) when the decision is not allowed. */
export const decideUpdate = defineUpdate<RequestState, [Decision]>('decide');

/** Why a decision would be refused right now (undefined when it would count), without recording it. */
export const decisionRefusalQuery = defineQuery<string | undefined, [Decision]>('decisionRefusal');

export const requestStateQuery = defineQuery<RequestState>('requestState');

/** The audit timeline of a request or credential workflow (answered by closed workflows too, from history). */
export const timelineQuery = defineQuery<AuditEntry[]>('timeline');

/** The user groups whose members may decide; the bot checks the clicker's membership before deciding. */
export const approverGroupsQuery = defineQuery<string[]>('approverGroups');

export const credentialStateQuery = defineQuery<CredentialState>('credentialState');

/** Hand back the result of a human step (a sealed secret, or just "done"). Rejected for the wrong person. */
export const submitTaskUpdate = defineUpdate<void, [TaskSubmission]>('submitTask');

/** "Cannot complete": ends the request (or escalates a revocation) with the person's reason. */
export const declineTaskUpdate = defineUpdate<void, [TaskDecline]>('declineTask');

/** The human step this workflow is waiting on, if any. */
export const openTaskQuery = defineQuery<OpenTask | undefined>('openTask');

/** The one-time reveal: returns the sealed secret to the owner's first click; every later click is refused. */
export const revealUpdate = defineUpdate<RevealedCredential, [RevealRequest]>('reveal');

/** Revoke now, rotate now, extend, or let it expire; refused unless the owner or an admin asks, within policy. */
export const credentialActionUpdate = defineUpdate<CredentialState, [CredentialAction]>('credentialAction');

/** Failure type carried by a refused credential action. */
export const ACTION_REFUSED = 'ActionRefused';

/** Failure type carried by a refused reveal (second reader, someone else, or too late). */
export const REVEAL_REFUSED = 'RevealRefused';

/** Failure type carried by a rejected decision; the bot shows its message to the person who clicked. */
export const DECISION_REFUSED = 'DecisionRefused';

/** Failure type carried by a rejected task submission. */
export const TASK_REFUSED = 'TaskRefused';
