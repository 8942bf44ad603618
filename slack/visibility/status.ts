/**
 * `/keys status <id>`: one request's state and its audit timeline (request, decisions, tasks, delivery, reveals,
 * rotations, extensions, revocation), read from its two workflows. Closed workflows still answer queries from
 * their history, so the timeline stays readable after the credential has expired, for as long as the Temporal
 * namespace retains closed workflows.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { credentialWorkflowId, requestWorkflowId } from '../../workflows/ids';
import { credentialStateQuery, requestStateQuery, timelineQuery } from '../../workflows/messages';
import { REQUESTER, ROLE, VENDOR } from '../../workflows/search-attributes';
import type { AuditEntry, CredentialState, RequestState } from '../../workflows/types';

export interface RequestStatus {
  requestId: string;
  requester: string;
  vendorKey: string;
  role: string;
  request: RequestState;
  credential?: CredentialState;
  timeline: AuditEntry[];
}

/** The request's status, or undefined when there is no such request. */
export async function readStatus(temporal: Client, requestId: string): Promise<RequestStatus | undefined> {
  const handle = temporal.workflow.getHandle(requestWorkflowId(requestId));
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
  const attributes = description.typedSearchAttributes;
  const [request, requestTimeline] = await Promise.all([handle.query(requestStateQuery), timelineOf(handle)]);
  const credential = request.credentialId ? await readCredential(temporal, request.credentialId) : undefined;
  return {
    requestId,
    requester: attributes.get(REQUESTER) ?? '',
    vendorKey: attributes.get(VENDOR) ?? '',
    role: attributes.get(ROLE) ?? '',
    request,
    ...(credential ? { credential: credential.state } : {}),
    timeline: [...requestTimeline, ...(credential?.timeline ?? [])].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

async function readCredential(
  temporal: Client,
  credentialId: string,
): Promise<{ state: CredentialState; timeline: AuditEntry[] } | undefined> {
  const handle = temporal.workflow.getHandle(credentialWorkflowId(credentialId));
  try {
    const [state, timeline] = await Promise.all([handle.query(credentialStateQuery), timelineOf(handle)]);
    return { state, timeline };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

/** Workflows started before audit timelines existed have none to show. */
function timelineOf(handle: { query: (q: typeof timelineQuery) => Promise<AuditEntry[]> }): Promise<AuditEntry[]> {
  return handle.query(timelineQuery).catch(() => []);
}
