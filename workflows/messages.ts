/**
 * Messages the bot sends to workflows. Exported as objects so the bot and the workflows share one definition,
 * never a string name.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CredentialState, Decision, RequestState } from './types';

/** Approve or deny a pending request. Rejected (never recorded) when the decision is not allowed. */
export const decideUpdate = defineUpdate<RequestState, [Decision]>('decide');

/** Why a decision would be refused right now (undefined when it would count), without recording it. */
export const decisionRefusalQuery = defineQuery<string | undefined, [Decision]>('decisionRefusal');

export const requestStateQuery = defineQuery<RequestState>('requestState');

export const credentialStateQuery = defineQuery<CredentialState>('credentialState');

/** Failure type carried by a rejected decision; the bot shows its message to the person who clicked. */
export const DECISION_REFUSED = 'DecisionRefused';
