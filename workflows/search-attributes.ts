/**
 * Search attributes that make requests and credentials listable through Temporal visibility (`/keys pending`, `/keys list`, App Home).
 * Never a secret or an email: they are stored unencrypted and shown in the Temporal UI.
 */
import { defineSearchAttributeKey } from '@temporalio/common';

/** Slack user IDs whose action the workflow is waiting for (approvers, or a task's assignees). */
export const WAITING_ON = defineSearchAttributeKey('KeywardenWaitingOn', 'KEYWORD_LIST');
export const REQUESTER = defineSearchAttributeKey('KeywardenRequester', 'KEYWORD');
export const VENDOR = defineSearchAttributeKey('KeywardenVendor', 'KEYWORD');
export const ROLE = defineSearchAttributeKey('KeywardenRole', 'KEYWORD');
/** A request's status (`pending`, `delivered`, …) or a credential's (`active`, `revoked`, …). */
export const STATUS = defineSearchAttributeKey('KeywardenStatus', 'KEYWORD');
/** When a credential's access ends (moved by extensions). */
export const EXPIRES_AT = defineSearchAttributeKey('KeywardenExpiresAt', 'DATETIME');

export const ALL_SEARCH_ATTRIBUTES = [WAITING_ON, REQUESTER, VENDOR, ROLE, STATUS, EXPIRES_AT];

/**
 * Memo field describing the open task, so listings (`/keys pending`) need no query: a query waits on a worker,
 * and a listing must answer within Slack's few seconds.
 */
export const OPEN_TASK_MEMO = 'openTask';

export interface OpenTaskMemo {
  title: string;
  deadline: string;
}
