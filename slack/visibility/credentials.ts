/**
 * A person's requests and credentials, for `/keys list` and App Home, from Temporal visibility: the search
 * attributes set by the workflows (requester, vendor, role, status, expiry). Never a secret.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { EXPIRES_AT, REQUESTER, ROLE, STATUS, VENDOR } from '../../workflows/search-attributes';
import type { BotContext } from '../context';
import { idOf, inQueue, quoted } from './query';

export interface ListedCredential {
  requestId: string;
  vendorKey: string;
  role: string;
  /** A credential's status (`active`, `revoked`, …) or, before delivery, its request's (`pending`, …). */
  status: string;
  /** Whether the workflow is still running (an active credential, or a request in progress). */
  open: boolean;
  /** Whether this row is a delivered credential rather than a request still on its way. */
  credential: boolean;
  expiresAt?: string;
  startedAt: string;
}

const PAGE = 50;

export async function listCredentials(
  ctx: Pick<BotContext, 'temporal' | 'taskQueue'>,
  userId: string,
  limit = 20,
): Promise<ListedCredential[]> {
  // A credential that continued as new has closed runs under the same id; its latest run speaks for it.
  const query = `${REQUESTER.name} = ${quoted(userId)} AND ExecutionStatus != 'ContinuedAsNew' AND ${inQueue(ctx.taskQueue)}`;
  const rows: ListedCredential[] = [];
  for await (const execution of ctx.temporal.workflow.list({ query, pageSize: PAGE })) {
    if (rows.length >= PAGE) break;
    const row = toRow(execution);
    // A delivered request is shown by its credential's row.
    if (row && !(row.status === 'delivered' && !row.credential)) rows.push(row);
  }
  return rows.sort((a, b) => Number(b.open) - Number(a.open) || b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
}

function toRow(execution: WorkflowExecutionInfo): ListedCredential | undefined {
  const attributes = execution.typedSearchAttributes;
  const vendorKey = attributes.get(VENDOR);
  const status = attributes.get(STATUS);
  if (!vendorKey || !status) return undefined;
  const expiresAt = attributes.get(EXPIRES_AT);
  return {
    requestId: idOf(execution.workflowId),
    vendorKey,
    role: attributes.get(ROLE) ?? '',
    status: execution.status.name === 'RUNNING' ? status : closedStatus(status, execution.status.name),
    open: execution.status.name === 'RUNNING',
    credential: execution.type === 'credentialWorkflow',
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    startedAt: execution.startTime.toISOString(),
  };
}

/** A workflow that ended without reaching a final status (terminated, timed out) says so. */
function closedStatus(status: string, execution: string): string {
  const final = ['denied', 'expired', 'failed', 'delivered', 'revoked', 'revoke_unverified'];
  return final.includes(status) ? status : execution.toLowerCase();
}
