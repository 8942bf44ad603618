/**
 * Search attributes that make requests and credentials listable through Temporal visibility (`/keys pending`).
 * Never a secret or an email: they are stored unencrypted and shown in the Temporal UI.
 */
import { defineSearchAttributeKey } from '@temporalio/common';

/** Slack user IDs whose action the workflow is waiting for (approvers, or a task's assignees). */
export const WAITING_ON = defineSearchAttributeKey('KeywardenWaitingOn', 'KEYWORD_LIST');
export const REQUESTER = defineSearchAttributeKey('KeywardenRequester', 'KEYWORD');
export const VENDOR = defineSearchAttributeKey('KeywardenVendor', 'KEYWORD');
export const STATUS = defineSearchAttributeKey('KeywardenStatus', 'KEYWORD');

export const ALL_SEARCH_ATTRIBUTES = [WAITING_ON, REQUESTER, VENDOR, STATUS];

/**
 * Memo field describing the open task, so listings (`/keys pending`) need no query: a query waits on a worker,
 * and a listing must answer within Slack's few seconds.
 */
export const OPEN_TASK_MEMO = 'openTask';

export interface OpenTaskMemo {
  title: string;
  deadline: string;
}
