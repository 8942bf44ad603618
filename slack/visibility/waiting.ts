/**
 * Approvals and human steps waiting on a person, read from Temporal visibility (the `KeywardenWaitingOn` search
 * attribute and the open-task memo) in one listing call, never a per-workflow query: a query waits on a
 * worker, and a listing must answer within Slack's few seconds. Approvals waiting on a user group are found
 * through the person's membership of the configured approver groups.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { OPEN_TASK_MEMO, VENDOR, WAITING_ON, type OpenTaskMemo } from '../../workflows/search-attributes';
import type { BotContext } from '../context';
import { idOf, inQueue, quoted } from './query';

const LIMIT = 20;

export interface WaitingItem {
  requestId: string;
  /** An approval of a new request, or of an owner's extension of a live key. */
  approval: 'request' | 'extension';
  vendorKey?: string;
  /** Present for a human step; absent for an approval. */
  task?: OpenTaskMemo;
}

export async function waitingOn(
  ctx: Pick<BotContext, 'temporal' | 'taskQueue' | 'groups' | 'catalog'>,
  userId: string,
): Promise<WaitingItem[]> {
  const { temporal, groups, catalog } = ctx;
  const byGroup = await groups.membersOf(catalog.approverGroups);
  const mine = catalog.approverGroups.filter((group) => byGroup.get(group)?.has(userId));
  const ids = [userId, ...mine].map(quoted).join(', ');
  const query = `${WAITING_ON.name} IN (${ids}) AND ExecutionStatus = 'Running' AND ${inQueue(ctx.taskQueue)}`;
  const items: WaitingItem[] = [];
  for await (const execution of temporal.workflow.list({ query, pageSize: LIMIT })) {
    if (items.length >= LIMIT) break;
    items.push(describe(execution));
  }
  return items;
}

function describe(execution: WorkflowExecutionInfo): WaitingItem {
  const task = execution.memo?.[OPEN_TASK_MEMO] as OpenTaskMemo | null | undefined;
  const vendorKey = execution.typedSearchAttributes.get(VENDOR);
  return {
    requestId: idOf(execution.workflowId),
    approval: execution.workflowId.startsWith('credential-') ? 'extension' : 'request',
    ...(vendorKey ? { vendorKey } : {}),
    ...(task ? { task } : {}),
  };
}
