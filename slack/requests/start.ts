/**
 * Starts request workflows. The request id is derived from Slack's `trigger_id`, so a redelivered command or a
 * double-submitted modal maps to the same workflow id and cannot start a second request. The policy is
 * resolved here, once, and travels with the request.
 */
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { waitingOnApprovers } from '../../workflows/approval-rules';
import { requestWorkflowId } from '../../workflows/ids';
import type { requestWorkflow } from '../../workflows/request';
import { REQUESTER, ROLE, STATUS, VENDOR, WAITING_ON } from '../../workflows/search-attributes';
import type { CredentialRequest, Requester } from '../../workflows/types';
import type { GroupDirectory } from '../groups';
import { approvalDeadlock, autoApprovalVia } from './access';
import { requestPolicy, type RequestCatalog } from './catalog';
import type { ValidRequest } from './validate';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short id people can type (`/keys status k7m2q9xd4a`), stable for one Slack interaction. */
export function requestIdFor(triggerId: string): string {
  const digest = createHash('sha256').update(`keywarden:${triggerId}`).digest();
  return Array.from(digest.subarray(0, 10), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export type StartOutcome =
  | { kind: 'started'; autoApproved: boolean }
  | { kind: 'duplicate' }
  /** The policy leaves nobody to approve it; `message` says why and what to do. */
  | { kind: 'refused'; message: string };

export interface RequestStarter {
  start(requestId: string, requester: Requester, request: ValidRequest): Promise<StartOutcome>;
}

export function createRequestStarter(
  client: Client,
  taskQueue: string,
  catalog: RequestCatalog,
  groups: GroupDirectory,
): RequestStarter {
  return {
    async start(requestId, requester, valid) {
      const vendor = catalog.vendors.get(valid.vendorKey);
      if (!vendor) throw new Error(`vendor ${valid.vendorKey} vanished from the catalog`);
      const resolved = catalog.policyFor(vendor.key, valid.role);
      const destination = valid.destination ? catalog.destinations.get(valid.destination) : undefined;
      // A destination the policy lets through without a person approves the request by policy.
      const byDestination = destination && resolved.destinations?.requireApproval === false;
      const listed = await autoApprovalVia(resolved, groups, requester.userId);
      const via = listed ?? (byDestination ? requester.userId : undefined);
      if (!via) {
        const deadlock = await approvalDeadlock(resolved, groups, requester.userId);
        if (deadlock) return { kind: 'refused', message: deadlock };
      }
      const request: CredentialRequest = {
        requestId,
        vendor: { key: vendor.key, displayName: vendor.displayName },
        role: valid.role,
        ttlMs: valid.ttlMs,
        purpose: valid.purpose,
        fields: valid.fields,
        requester,
        requestedAt: new Date().toISOString(),
        policy: requestPolicy(resolved, vendor, catalog.admins),
        playbooks: vendor.definition.playbooks(valid.fields),
        ...(via ? { autoApproval: { via, ...(!listed && byDestination ? { destination: true } : {}) } } : {}),
        ...(destination ? { destination } : {}),
      };
      try {
        // By name: the bot must not load workflow code, only its types.
        await client.workflow.start<typeof requestWorkflow>('requestWorkflow', {
          taskQueue,
          workflowId: requestWorkflowId(requestId),
          args: [request],
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: REQUESTER, value: requester.userId },
            { key: VENDOR, value: vendor.key },
            { key: ROLE, value: valid.role },
            { key: STATUS, value: 'pending' },
            { key: WAITING_ON, value: via ? [] : waitingOnApprovers(request) },
          ],
        });
        return { kind: 'started', autoApproved: !!via };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { kind: 'duplicate' };
        throw error;
      }
    },
  };
}
