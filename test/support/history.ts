/**
 * Workflow histories read raw — without any codec — as text, decoding every payload's bytes, so a test can
 * search them for a secret exactly as someone with database access would.
 */
import type { Client } from '@temporalio/client';

function collect(value: unknown, out: string[]): void {
  if (value === null || value === undefined) return;
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8');
    out.push(text);
    // Payloads may themselves hold base64 of bytes; decode once more to be thorough.
    out.push(Buffer.from(text, 'base64').toString('utf8'));
    return;
  }
  if (typeof value === 'string') {
    out.push(value);
    return;
  }
  if (typeof value === 'object') {
    for (const child of Object.values(value as Record<string, unknown>)) collect(child, out);
  }
}

export async function rawHistoryText(temporal: Client, workflowId: string): Promise<string> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const out: string[] = [];
  collect(history, out);
  return out.join('\n');
}
