/**
 * The playbook engine's human steps on simulated days: a task reminded on its cadence that ends the request at
 * its deadline, a handed-back result that fails its check and is handed back with the vendor's answer (keeping
 * its deadline), and an `await` step that polls, reminds the person it waits on and goes on once it holds.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openTaskQuery, submitTaskUpdate, TASK_REFUSED, timelineQuery } from '../../workflows/messages';
import type { requestWorkflow } from '../../workflows/request';
import type { HumanStepPolicy } from '../../workflows/types';
import type { OpenTask } from '../../workflows/notices';
import { eventually } from '../support/wait';
import { DAY, HUMAN_PLAYBOOKS, INVITE_PLAYBOOKS, policy, REQUESTER, request } from './support/requests';
import { refusalOf } from './support/refusals';
import { inScenario, startTestServer } from './support/scenario';
import { OPERATOR } from './support/stub-activities';
import { hoursAfter } from './support/timing';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTestServer();
});
afterAll(() => env?.teardown());

const HUMAN_STEPS: HumanStepPolicy = {
  operators: { users: [OPERATOR], groups: [] },
  remindEveryMs: DAY,
  deadlineMs: 3 * DAY,
};
const humanRequest = (playbooks = HUMAN_PLAYBOOKS) =>
  request({ playbooks, autoApproval: { via: REQUESTER }, policy: policy({ humanSteps: HUMAN_STEPS }) });

test('a task nobody does is reminded daily and ends the request at its 3-day deadline', () =>
  inScenario(env, async ({ stubs, startRequest }) => {
    const handle = await startRequest(humanRequest());
    expect(await handle.result()).toEqual({ status: 'failed' });

    const opened = stubs.callsTo('openTask');
    expect(opened).toHaveLength(1);
    const openedAt = opened[0]?.at ?? 0;
    expect(hoursAfter(openedAt, opened[0]?.args[0].deadline ?? '')).toBe(72);
    expect(stubs.callsTo('remindTask').map((c) => [hoursAfter(openedAt, c.at), c.args[0].assignees])).toEqual([
      [24, [OPERATOR]],
      [48, [OPERATOR]],
    ]);
    const closed = stubs.callsTo('closeTask');
    expect(closed.map((c) => [hoursAfter(openedAt, c.at), c.args[1]])).toEqual([[72, 'Closed: the deadline passed.']]);
    const failed = stubs.callsTo('notify').find((c) => c.args[1].kind === 'failed')?.args[1];
    expect(failed).toMatchObject({ reason: expect.stringContaining('was not done by its deadline') });
    expect(stubs.callsTo('vendorCall')).toEqual([]);
    const events = (await handle.query(timelineQuery)).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['task.opened', 'task.deadline_passed', 'request.failed']));
  }));

test('a pasted key that fails its check is handed back with the vendor answer and the same deadline', () =>
  inScenario(env, async ({ stubs, startRequest }) => {
    const req = humanRequest();
    const handle = await startRequest(req);

    const task = await openTask(handle, 1);
    expect(await refusalOf(submit(handle, task, 'UMALLORY', 'sealed:someone-elses-key'), TASK_REFUSED)).toContain(
      'assigned to someone else',
    );
    await submit(handle, task, OPERATOR, 'sealed:a-key-the-vendor-never-made');

    const handedBack = await openTask(handle, 2);
    expect(handedBack.deadline).toBe(task.deadline);
    const reopened = stubs.callsTo('openTask')[1]?.args[0];
    expect(reopened).toMatchObject({ error: 'key refused', deadline: task.deadline });
    await submit(handle, handedBack, OPERATOR, stubs.vendor.createByHand(`keywarden-${req.requestId}`));

    expect(await handle.result()).toEqual({ status: 'delivered', credentialId: req.requestId });
    expect(stubs.callsTo('closeTask').map((c) => c.args[1])).toEqual([
      `Done by <@${OPERATOR}>; Keywarden is checking the result.`,
      `Done by <@${OPERATOR}>; Keywarden is checking the result.`,
    ]);
    const events = (await handle.query(timelineQuery)).map((e) => e.event);
    expect(events.filter((e) => e === 'task.submitted')).toHaveLength(2);
    expect(events).toContain('credential.delivered');
  }));

test('an invitation is polled every 6h, its person reminded daily, and the key made once it is accepted', () =>
  inScenario(env, async ({ stubs, startRequest, now }) => {
    const started = await now();
    stubs.vendor.invitationAcceptedAt = started + 2 * DAY + 3 * 3_600_000;
    const req = humanRequest(INVITE_PLAYBOOKS);
    const handle = await startRequest(req);

    expect(await handle.result()).toEqual({ status: 'delivered', credentialId: req.requestId });
    const reminders = stubs.callsTo('remindAwait');
    expect(reminders.map((c) => [hoursAfter(started, c.at), c.args[1]])).toEqual([
      [24, 'requester'],
      [48, 'requester'],
    ]);
    expect(reminders[0]?.args[2]).toBe('Accept the invitation: invitation still pending');
    const polls = stubs.callsTo('vendorCondition').map((c) => hoursAfter(started, c.at));
    expect(polls).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54]);
    const created = stubs.callsTo('vendorCall').filter((c) => c.args[0] === 'createKey');
    expect(created.map((c) => hoursAfter(started, c.at))).toEqual([54]);
  }));

type RequestHandle = WorkflowHandle<typeof requestWorkflow>;

/** Waits for the request's open task, the `n`th one opened. */
function openTask(handle: RequestHandle, n: number): Promise<OpenTask> {
  return eventually(async () => {
    const task = await handle.query(openTaskQuery);
    return task?.taskId.endsWith(`-${n}`) ? task : undefined;
  }, `task ${n} open`);
}

function submit(handle: RequestHandle, task: OpenTask, userId: string, sealed: string): Promise<void> {
  return handle.executeUpdate(submitTaskUpdate, { args: [{ taskId: task.taskId, userId, secret: { sealed } }] });
}
