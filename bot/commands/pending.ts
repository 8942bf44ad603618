/**
 * `/keys pending`: approvals and human steps waiting on the person who asks, read from Temporal visibility
 * (the `KeywardenWaitingOn` search attribute), not from a database of our own.
 */
import type { Client } from '@temporalio/client';
import { openTaskQuery } from '../../workflows/messages';
import { WAITING_ON } from '../../workflows/search-attributes';

const LIMIT = 20;

export async function pendingFor(temporal: Client, userId: string): Promise<string> {
  const query = `${WAITING_ON.name} = '${userId.replace(/[^A-Z0-9]/g, '')}' AND ExecutionStatus = 'Running'`;
  const lines: string[] = [];
  for await (const execution of temporal.workflow.list({ query, pageSize: LIMIT })) {
    if (lines.length >= LIMIT) break;
    lines.push(await describe(temporal, execution.workflowId));
  }
  if (lines.length === 0) return 'Nothing is waiting on you.';
  return `*Waiting on you*\n${lines.join('\n')}`;
}

async function describe(temporal: Client, workflowId: string): Promise<string> {
  const requestId = workflowId.replace(/^(request|credential)-/, '');
  const task = await temporal.workflow
    .getHandle(workflowId)
    .query(openTaskQuery)
    .catch(() => undefined);
  if (task)
    return `• \`${requestId}\`: ${task.title} (due <!date^${Math.floor(Date.parse(task.deadline) / 1000)}^{date_short_pretty}|${task.deadline}>); see my DM for the instructions`;
  return `• \`${requestId}\`: approval requested; see the approval channel`;
}
