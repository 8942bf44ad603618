/**
 * How long the embedded server keeps closed workflows. `/keys status` reads a request's audit timeline from its
 * workflows, closed ones included, so they must outlive the credential by the audit period. The dev server
 * creates its namespace with a short retention; Keywarden raises it once at start. A shared Temporal server's
 * retention is its operators' decision, so this is only applied to the embedded one.
 */
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { Logger } from 'pino';

export const AUDIT_RETENTION_DAYS = 365;

export async function ensureRetention(connection: Connection, namespace: string, logger: Logger): Promise<void> {
  const wanted = AUDIT_RETENTION_DAYS * 86_400;
  const described = await connection.workflowService.describeNamespace({ namespace });
  const current = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  if (current >= wanted) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(wanted * 1000) },
  });
  logger.info({ namespace, fromDays: current / 86_400, toDays: AUDIT_RETENTION_DAYS }, 'raised history retention');
}
