/**
 * Live credentials made the cheapest honest way: a real key minted at the Vectra Fusion fake, its netosecret
 * sealed with the stack's sealing key for its generation, the request built from the configured policy as the bot
 * builds it (`slack/requests/start.ts`), and `credentialWorkflow` started directly, with the search attributes the
 * request workflow gives it, under the real worker. Skips only the request and approval that precede delivery.
 */
import type { Client } from '@temporalio/client';
import type { KeywardenConfig } from '../config/load';
import { credentialSealingContext, Sealer } from '../secrets/sealing';
import { buildCatalog, requestPolicy, type RequestCatalog } from '../slack/requests/catalog';
import type { FakeVectraFusion } from '../vendors/vectra-fusion/fake/server';
import { appnameFor } from '../vendors/vectra-fusion/keys';
import type { credentialWorkflow } from '../workflows/credential';
import { credentialWorkflowId } from '../workflows/ids';
import { EXPIRES_AT, REQUESTER, ROLE, STATUS, VENDOR } from '../workflows/search-attributes';
import type { Credential, CredentialRequest } from '../workflows/types';

const DAY = 86_400_000;
/** Workflow events once a credential's first task is done and it sleeps: started, task ×3, timer. */
const ASLEEP_EVENTS = 5;

export interface CredentialShape {
  credentialId: string;
  owner: string;
  /** When its key was delivered (the rotation clock counts from here). */
  deliveredAt: number;
}

export class CredentialFactory {
  private readonly catalog: RequestCatalog;
  private readonly sealer: Sealer;

  constructor(
    private readonly config: KeywardenConfig,
    private readonly temporal: Client,
    private readonly vectra: FakeVectraFusion,
  ) {
    this.catalog = buildCatalog(config);
    this.sealer = new Sealer(config.sealingKeys ?? []);
  }

  private request(requestId: string, owner: string): CredentialRequest {
    const vendor = this.catalog.vendors.get('vectra');
    if (!vendor) throw new Error('the stack has no vectra vendor');
    const role = 'readonly';
    return {
      requestId,
      vendor: { key: vendor.key, displayName: vendor.displayName },
      role,
      ttlMs: 30 * DAY,
      purpose: 'benchmark',
      fields: {},
      requester: { userId: owner, channelId: 'CREQUESTS' },
      requestedAt: new Date().toISOString(),
      policy: requestPolicy(this.catalog.policyFor(vendor.key, role), vendor, this.catalog.admins),
      playbooks: vendor.definition.playbooks({}),
      autoApproval: { via: 'benchmark' },
    };
  }

  /** A delivered, revealed credential: it sleeps until its next timer (rotation, liveness, reminder, expiry). */
  credential({ credentialId, owner, deliveredAt }: CredentialShape): Credential {
    const netosecret = this.vectra.issueNetosecret(appnameFor(credentialId), 'readonly');
    const delivered = new Date(deliveredAt).toISOString();
    return {
      credentialId,
      request: this.request(credentialId, owner),
      current: {
        generationId: credentialId,
        generation: 1,
        ref: { appname: appnameFor(credentialId) },
        secret: this.sealer.seal(netosecret, credentialSealingContext(credentialId)),
        deliveredAt: delivered,
        offered: true,
        revealed: true,
      },
      retiring: [],
      firstDeliveredAt: delivered,
      expiresAt: new Date(deliveredAt + 30 * DAY).toISOString(),
      remindedAt: [],
      remindersOff: false,
      checkedAt: new Date().toISOString(),
      timeline: [],
    };
  }

  async start(shape: CredentialShape): Promise<void> {
    const credential = this.credential(shape);
    await this.temporal.workflow.start<typeof credentialWorkflow>('credentialWorkflow', {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: credentialWorkflowId(credential.credentialId),
      args: [credential],
      typedSearchAttributes: [
        { key: REQUESTER, value: shape.owner },
        { key: VENDOR, value: 'vectra' },
        { key: ROLE, value: 'readonly' },
        { key: STATUS, value: 'active' },
        { key: EXPIRES_AT, value: new Date(credential.expiresAt) },
      ],
    });
  }
}

/** Runs `work` for 0..count-1 with at most `parallel` at once. */
export async function inPool(count: number, parallel: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Waits until every credential has run its first workflow task and sleeps on a timer. */
export async function waitAllAsleep(temporal: Client, credentialIds: readonly string[]): Promise<void> {
  let waiting = credentialIds;
  while (waiting.length > 0) {
    const still: string[] = [];
    await inPool(waiting.length, 32, async (i) => {
      const id = waiting[i] ?? '';
      const described = await temporal.workflow.getHandle(credentialWorkflowId(id)).describe();
      if ((described.historyLength ?? 0) < ASLEEP_EVENTS) still.push(id);
    });
    waiting = still;
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
