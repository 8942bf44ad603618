/**
 * Extensions that need approval: posted to the approval channel and decided like a request (same update, same
 * rules: only approvers, never the owner, once each, N-of-M), within the request's pending timeout.
 */
import { ApplicationFailure, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { slack } from './activities';
import { outcome, refuseDecision } from './approval-rules';
import { approverGroupsQuery, DECISION_REFUSED, decideUpdate, decisionRefusalQuery } from './messages';
import { WAITING_ON } from './search-attributes';
import type { CredentialRequest, Decision, ExtensionRequest, RequestState } from './types';

export class ExtensionDesk {
  private extension: ExtensionRequest | undefined;

  /** `listed`: show the waiting extension in `/keys pending` (false when replaying older histories). */
  constructor(
    private readonly request: CredentialRequest,
    private readonly listed: boolean,
  ) {
    setHandler(decisionRefusalQuery, (decision) => this.refuse(decision));
    setHandler(approverGroupsQuery, () => request.policy.approverGroups ?? []);
    setHandler(
      decideUpdate,
      (decision) => {
        this.extension?.decisions.push(decision);
        return this.asRequestState();
      },
      {
        validator: (decision: Decision) => {
          const refusal = this.refuse(decision);
          if (refusal)
            throw ApplicationFailure.create({ type: DECISION_REFUSED, message: refusal, nonRetryable: true });
        },
      },
    );
  }

  /** Asks the approvers; resolves with how it ended (and the denial, if any). */
  async ask(
    credentialId: string,
    requestedBy: string,
    extendByMs: number,
    newExpiresAt: string,
  ): Promise<{ status: ExtensionRequest['status']; denial?: Decision }> {
    const { pendingTimeoutMs } = this.request.policy;
    const extension: ExtensionRequest = {
      credentialId,
      requestedBy,
      extendByMs,
      newExpiresAt,
      status: 'pending',
      decisions: [],
      pendingExpiresAt: new Date(Date.now() + pendingTimeoutMs).toISOString(),
    };
    this.extension = extension;
    // Listed before the message is posted, so whoever sees the message also finds it in `/keys pending`.
    this.listWaitingOn([...this.request.policy.approvers, ...(this.request.policy.approverGroups ?? [])]);
    const ref = await slack.postExtension(this.request, extension);
    const decided = await condition(() => outcome(this.request, extension.decisions) !== undefined, pendingTimeoutMs);
    this.listWaitingOn([]);
    const result = decided ? outcome(this.request, extension.decisions) : undefined;
    extension.status = result === 'approve' ? 'approved' : result === 'deny' ? 'denied' : 'expired';
    await slack.postExtension(this.request, extension, ref);
    const denial = extension.decisions.find((d) => d.kind === 'deny');
    return { status: extension.status, ...(denial ? { denial } : {}) };
  }

  private listWaitingOn(ids: string[]): void {
    if (this.listed) upsertSearchAttributes([{ key: WAITING_ON, value: ids }]);
  }

  private refuse(decision: Decision): string | undefined {
    if (!this.extension) return 'There is nothing waiting for a decision on this key.';
    return refuseDecision(this.request, this.asRequestState(), decision);
  }

  private asRequestState(): RequestState {
    const status =
      this.extension?.status === 'pending' ? 'pending' : this.extension?.status === 'expired' ? 'expired' : 'denied';
    return {
      requestId: this.request.requestId,
      status: this.extension?.status === 'approved' ? 'delivered' : status,
      decisions: this.extension?.decisions ?? [],
      pendingExpiresAt: this.extension?.pendingExpiresAt ?? new Date(0).toISOString(),
    };
  }
}
