/**
 * Audit events from inside the workflows. Each is kept in the workflow (for `/keys status`, even after the
 * credential has expired) and logged once as a structured line with a stable event name; the workflow logger
 * is silent during replay, so a replayed history never logs an event twice.
 */
import { log } from '@temporalio/workflow';
import type { AuditEntry } from './types';

/** Enough for years of reminders and rotations; beyond it the oldest entries after the first are dropped. */
const TIMELINE_LIMIT = 300;

export type AuditFields = Pick<AuditEntry, 'actor' | 'detail' | 'people'>;

export function audit(timeline: AuditEntry[], requestId: string, event: string, fields: AuditFields = {}): void {
  const entry: AuditEntry = { at: new Date().toISOString(), event, ...fields };
  timeline.push(entry);
  if (timeline.length > TIMELINE_LIMIT) timeline.splice(1, timeline.length - TIMELINE_LIMIT);
  log.info(event, { audit: true, event, requestId, ...fields });
}
