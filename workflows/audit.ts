/**
 * Audit events from inside the workflows. Each is kept in the workflow (for `/keys status`, even after the
 * credential has expired) and logged once as a structured line with a stable event name; the workflow logger
 * is silent during replay, so a replayed history never logs an event twice.
 */
import { log } from '@temporalio/workflow';
import type { AuditEntry, CredentialRequest } from './types';

/** Enough for years of reminders and rotations; beyond it the oldest entries after the first are dropped. */
const TIMELINE_LIMIT = 300;

export type AuditFields = Pick<AuditEntry, 'actor' | 'detail' | 'people'>;

/** Figures for the log line only (metrics read them); the timeline keeps what a person reads. */
export interface AuditMeasures {
  /** How long the step this event ends took, e.g. a human step from opened to done. */
  waitedMs?: number;
  /** For a revocation: whether the vendor proved the key refused. */
  verified?: boolean;
}

/** Records `event` in the timeline and logs it once, with the vendor and the time since the request was made. */
export function audit(
  timeline: AuditEntry[],
  request: Pick<CredentialRequest, 'requestId' | 'vendor' | 'requestedAt'>,
  event: string,
  fields: AuditFields = {},
  measures: AuditMeasures = {},
): void {
  const entry: AuditEntry = { at: new Date().toISOString(), event, ...fields };
  timeline.push(entry);
  if (timeline.length > TIMELINE_LIMIT) timeline.splice(1, timeline.length - TIMELINE_LIMIT);
  const sinceRequestedMs = Date.now() - Date.parse(request.requestedAt);
  log.info(event, {
    audit: true,
    event,
    requestId: request.requestId,
    vendor: request.vendor.key,
    ...(Number.isFinite(sinceRequestedMs) ? { sinceRequestedMs } : {}),
    ...fields,
    ...measures,
  });
}
