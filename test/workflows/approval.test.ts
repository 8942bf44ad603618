/**
 * The request workflow's approval phase on simulated days: reminders in the approval thread, one escalation, the
 * pending timeout, and N-of-M approval through the `decide` update (refused decisions never count).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DECISION_REFUSED, decideUpdate, requestStateQuery, timelineQuery } from '../../workflows/messages';
import type { ProgressNote } from '../../workflows/notices';
import { DAY, HOUR, policy, REQUESTER, request } from './support/requests';
import { refusalOf } from './support/refusals';
import { inScenario, startTestServer } from './support/scenario';
import { hoursAfter } from './support/timing';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTestServer();
});
afterAll(() => env?.teardown());

test('an undecided request is reminded every 4h, escalated once at 8h and expires at its 24h timeout', () =>
  inScenario(env, async ({ stubs, startRequest }) => {
    const req = request({
      policy: policy({
        pendingTimeoutMs: DAY,
        remindEveryMs: 4 * HOUR,
        escalation: { afterMs: 8 * HOUR, users: ['UBOSS'], groups: ['SSECURITY'] },
      }),
    });
    const handle = await startRequest(req);
    const started = (await handle.describe()).startTime.getTime();

    expect(await handle.result()).toEqual({ status: 'expired' });

    const notes = stubs.callsTo('postProgress').map((c) => ({ at: hoursAfter(started, c.at), note: c.args[1] }));
    const kinds = (kind: ProgressNote['kind']) => notes.filter((n) => n.note.kind === kind).map((n) => n.at);
    expect(kinds('reminder')).toEqual([4, 8, 12, 16, 20]);
    expect(kinds('escalated')).toEqual([8]);
    expect(kinds('expired')).toEqual([24]);
    const escalations = stubs.callsTo('notify').filter((c) => c.args[1].kind === 'escalated');
    expect(escalations.map((c) => c.args[0])).toEqual(['UBOSS']);
    const toRequester = stubs.callsTo('notify').filter((c) => c.args[0] === REQUESTER);
    expect(toRequester.map((c) => [hoursAfter(started, c.at), c.args[1].kind])).toEqual([[24, 'expired']]);
    expect(stubs.callsTo('vendorCall')).toEqual([]);

    const events = (await handle.query(timelineQuery)).map((e) => e.event);
    expect(events.filter((e) => e === 'request.reminded')).toHaveLength(5);
    expect(events).toEqual(expect.arrayContaining(['request.submitted', 'request.escalated', 'request.expired']));
    expect((await handle.query(requestStateQuery)).status).toBe('expired');
  }));

test('two of three approvers are needed: refused decisions never count, the second approval provisions', () =>
  inScenario(env, async ({ stubs, startRequest }) => {
    const req = request({ policy: policy({ approvalsRequired: 2, approvers: ['UALICE', 'UBOB', REQUESTER] }) });
    const handle = await startRequest(req);

    const first = await handle.executeUpdate(decideUpdate, { args: [{ kind: 'approve', userId: 'UALICE' }] });
    expect(first.status).toBe('pending');
    const refusals = [
      { kind: 'approve' as const, userId: 'UALICE' },
      { kind: 'approve' as const, userId: REQUESTER },
      { kind: 'approve' as const, userId: 'UMALLORY' },
      { kind: 'deny' as const, userId: 'UBOB', reason: '  ' },
    ];
    const refused = [];
    for (const decision of refusals)
      refused.push(await refusalOf(handle.executeUpdate(decideUpdate, { args: [decision] }), DECISION_REFUSED));
    expect(refused).toEqual([
      expect.stringContaining('already recorded'),
      expect.stringContaining('your own request'),
      expect.stringContaining('Only the approvers'),
      expect.stringContaining('needs a reason'),
    ]);
    expect((await handle.query(requestStateQuery)).decisions).toEqual([{ kind: 'approve', userId: 'UALICE' }]);

    await handle.executeUpdate(decideUpdate, { args: [{ kind: 'approve', userId: 'UBOB' }] });
    expect(await handle.result()).toEqual({ status: 'delivered', credentialId: req.requestId });

    const tally = stubs
      .callsTo('postProgress')
      .map((c) => c.args[1])
      .filter((n) => n.kind === 'decision')
      .map((n) => (n.kind === 'decision' ? `${n.decision.userId} ${n.have}/${n.need}` : ''));
    expect(tally).toEqual(['UALICE 1/2', 'UBOB 2/2']);
    expect(stubs.vendor.liveKeys()).toEqual([req.requestId]);
    expect(stubs.callsTo('deliverCredential').map((c) => c.args[0].generationId)).toEqual([req.requestId]);
    const approved = (await handle.query(timelineQuery)).find((e) => e.event === 'request.approved');
    expect(approved).toMatchObject({ detail: '2 of 2 approvals', people: ['UALICE', 'UBOB'] });
  }));

test('one denial ends the request: the requester is told why and nothing is made at the vendor', () =>
  inScenario(env, async ({ stubs, startRequest }) => {
    const handle = await startRequest(request({ policy: policy({ approvalsRequired: 2 }) }));
    await handle.executeUpdate(decideUpdate, { args: [{ kind: 'approve', userId: 'UALICE' }] });
    await handle.executeUpdate(decideUpdate, {
      args: [{ kind: 'deny', userId: 'UBOB', reason: 'Use the shared key' }],
    });
    expect(await handle.result()).toEqual({ status: 'denied' });
    const told = stubs.callsTo('notify').find((c) => c.args[0] === REQUESTER)?.args[1];
    expect(told).toMatchObject({ kind: 'denied', decision: { userId: 'UBOB', reason: 'Use the shared key' } });
    expect(stubs.callsTo('vendorCall')).toEqual([]);
  }));
