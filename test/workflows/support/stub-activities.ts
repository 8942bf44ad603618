/**
 * `KeywardenActivities` as in-memory stubs that record every call with the (skipped) server time it was made at,
 * so a test asserts what people and the vendor would have seen: which DMs, thread notes and alerts, and when.
 */
import { Context } from '@temporalio/activity';
import type { KeywardenActivities } from '../../../workflows/activity-contract';
import type { MessageRef } from '../../../workflows/types';
import { StubVendor } from './stub-vendor';

export type ActivityName = keyof KeywardenActivities;

export interface RecordedCall<N extends ActivityName = ActivityName> {
  name: N;
  /** Server time (ms) the attempt was scheduled at: simulated time under time skipping. */
  at: number;
  args: Parameters<KeywardenActivities[N]>;
}

export const OPERATOR = 'UOPS';

export class StubActivities {
  readonly calls: RecordedCall[] = [];
  readonly vendor = new StubVendor();
  private messages = 0;

  /** The recorded calls to one activity, in order. */
  callsTo<N extends ActivityName>(name: N): RecordedCall<N>[] {
    return this.calls.filter((c): c is RecordedCall<N> => c.name === name);
  }

  /** The activity implementations to register on the test workers. */
  activities(): KeywardenActivities {
    const message = (channel: string): MessageRef => ({ channel, ts: `${++this.messages}.000` });
    const done = () => undefined;
    return {
      postApprovalRequest: this.on('postApprovalRequest', (_at, req) => message(req.policy.approvalChannel)),
      updateApprovalMessage: this.on('updateApprovalMessage', done),
      postProgress: this.on('postProgress', done),
      notify: this.on('notify', done),
      alertAdmins: this.on('alertAdmins', done),
      postExtension: this.on('postExtension', (_at, _req, _ext, ref) => ref ?? message('CAPPROVALS')),
      remindOwner: this.on('remindOwner', done),
      deliverCredential: this.on('deliverCredential', () => 'request_channel' as const),
      noticeDelivery: this.on('noticeDelivery', done),
      openTask: this.on('openTask', (_at, input) => {
        const assignees = input.step.assignee === 'operator' ? [OPERATOR] : [input.request.requester.userId];
        return { assignees, messages: assignees.map((a) => message(`D${a}`)), secretLabel: 'API key' };
      }),
      remindTask: this.on('remindTask', done),
      remindAwait: this.on('remindAwait', done),
      closeTask: this.on('closeTask', done),
      vendorCall: this.on('vendorCall', (_at, action, subject) => this.vendor.call(action, subject)),
      vendorCondition: this.on('vendorCondition', (at, condition) => this.vendor.condition(condition, at)),
      vendorVerify: this.on('vendorVerify', (_at, check, subject) => this.vendor.verify(check, subject)),
      deliverToDestination: this.on('deliverToDestination', (_at, input) => ({
        acknowledged: false,
        detail: `written ${input.generationId}`,
      })),
      vendorLastUsed: this.on('vendorLastUsed', () => ({ supported: false })),
    };
  }

  /** One stub: records the call with its server time, then answers. */
  private on<N extends ActivityName>(name: N, answer: Answer<N>): KeywardenActivities[N] {
    const stub = (...args: Parameters<KeywardenActivities[N]>) => {
      const at = Context.current().info.currentAttemptScheduledTimestampMs;
      this.calls.push({ name, at, args });
      return Promise.resolve(answer(at, ...args));
    };
    // TypeScript cannot relate a generic rest-parameter function to the indexed member type it was built from.
    return stub as unknown as KeywardenActivities[N];
  }
}

type Answer<N extends ActivityName> = (
  at: number,
  ...args: Parameters<KeywardenActivities[N]>
) => Awaited<ReturnType<KeywardenActivities[N]>>;
