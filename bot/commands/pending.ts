/**
 * `/keys pending`: approvals and human steps waiting on the person who asks, read from Temporal visibility
 * (the `KeywardenWaitingOn` search attribute and the open-task memo) — one listing call, no per-workflow query.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { OPEN_TASK_MEMO, WAITING_ON, type OpenTaskMemo } from '../../workflows/search-attributes';

const LIMIT = 20;

export async function pendingFor(temporal: Client, userId: string): Promise<string> {
  const query = `${WAITING_ON.name} = '${userId.replace(/[^A-Z0-9]/g, '')}' AND ExecutionStatus = 'Running'`;
  const lines: string[] = [];
  for await (const execution of temporal.workflow.list({ query, pageSize: LIMIT })) {
    if (lines.length >= LIMIT) break;
    lines.push(describe(execution));
  }
  if (lines.length === 0) return 'Nothing is waiting on you.';
  return `*Waiting on you*\n${lines.join('\n')}`;
}

function describe(execution: WorkflowExecutionInfo): string {
  const requestId = execution.workflowId.replace(/^(request|credential)-/, '');
  const task = execution.memo?.[OPEN_TASK_MEMO] as OpenTaskMemo | null | undefined;
  if (task) {
    const due = `<!date^${Math.floor(Date.parse(task.deadline) / 1000)}^{date_short_pretty}|${task.deadline}>`;
    return `• \`${requestId}\`: ${task.title} (due ${due}); the instructions are in your DM from Keywarden`;
  }
  return `• \`${requestId}\`: approval requested; see the approval channel`;
}
