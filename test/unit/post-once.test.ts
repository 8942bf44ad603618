/**
 * Messages with live buttons are posted once however often their activity is retried: after a crash, the retry
 * finds the heartbeat-recorded message, or, when the heartbeat was lost with the crash, the message Slack holds
 * with the activity's metadata, and returns it instead of posting a second copy. Runs the real activities against
 * the fake Slack.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createSlackActivities } from '../../activities/slack';
import { messageViews } from '../../slack/views/messages';
import type { ExtensionRequest, RequestState } from '../../workflows/types';
import { sampleRequest, fakeSlackClient } from '../support/activity-fixtures';
import type { FakeSlack } from '../support/fake-slack';

let slack: FakeSlack;
let activities: ReturnType<typeof createSlackActivities>;

beforeEach(async () => {
  const started = await fakeSlackClient();
  slack = started.slack;
  activities = createSlackActivities({ slack: started.client, views: messageViews });
});
afterEach(() => slack.stop());

const request = sampleRequest;
const state = {
  status: 'pending',
  decisions: [],
  pendingExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
} as unknown as RequestState;

/** One scheduled activity of one workflow run, at a given attempt. */
const activity = (attempt: number, heartbeatDetails?: unknown) => ({
  attempt,
  activityId: '3',
  workflowExecution: { workflowId: 'request-r1', runId: 'run-1' },
  scheduledTimestampMs: Date.now() - 1_000,
  ...(heartbeatDetails ? { heartbeatDetails } : {}),
});

test('the first attempt posts the approval request with its metadata and records it in a heartbeat', async () => {
  const env = new MockActivityEnvironment(activity(1));
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  const ref = await env.run(activities.postApprovalRequest, request, state);
  expect(slack.channelMessages('CAPPROVALS')).toHaveLength(1);
  expect(slack.channelMessages('CAPPROVALS')[0]?.metadata).toEqual({
    event_type: 'keywarden_post',
    event_payload: { post_key: 'request-r1/run-1/3' },
  });
  expect(beats).toEqual([{ posted: ref }]);
  expect(slack.callsTo('conversations.history')).toHaveLength(0);
});

test('a crash after Slack accepted the post but before the heartbeat: the retry finds it, posts nothing', async () => {
  slack.failNext('chat.postMessage', 'dropped', { afterAccept: true });
  await expect(
    new MockActivityEnvironment(activity(1)).run(activities.postApprovalRequest, request, state),
  ).rejects.toThrow();
  const [posted] = slack.channelMessages('CAPPROVALS');
  expect(posted).toBeDefined();

  const retry = new MockActivityEnvironment(activity(2));
  expect(await retry.run(activities.postApprovalRequest, request, state)).toEqual({
    channel: 'CAPPROVALS',
    ts: posted?.ts,
  });
  expect(slack.channelMessages('CAPPROVALS')).toHaveLength(1);
  expect(slack.callsTo('conversations.history')).toHaveLength(1);
});

test('a retry finds its own earlier post among many, and another activity still posts its own', async () => {
  for (let i = 0; i < 250; i++) slack.seed('CAPPROVALS', `other ${i}`);
  slack.failNext('chat.postMessage', 'dropped', { afterAccept: true });
  await expect(
    new MockActivityEnvironment(activity(1)).run(activities.postApprovalRequest, request, state),
  ).rejects.toThrow();
  for (let i = 0; i < 250; i++) slack.seed('CAPPROVALS', `later ${i}`);
  const first = slack.channelMessages('CAPPROVALS')[250];

  expect(await new MockActivityEnvironment(activity(3)).run(activities.postApprovalRequest, request, state)).toEqual({
    channel: 'CAPPROVALS',
    ts: first?.ts,
  });
  const other = { ...activity(2), activityId: '9' };
  const second = await new MockActivityEnvironment(other).run(activities.postApprovalRequest, request, state);
  expect((second as { ts: string }).ts).not.toBe(first?.ts);
  expect(slack.channelMessages('CAPPROVALS')).toHaveLength(502);
});

test('a retry after a crash returns the recorded message and posts no second copy', async () => {
  const recorded = { channel: 'CAPPROVALS', ts: '1700000001.000100' };
  const env = new MockActivityEnvironment(activity(2, { posted: recorded }));
  expect(await env.run(activities.postApprovalRequest, request, state)).toEqual(recorded);
  const extension = {
    requestedBy: 'UREQ',
    extendByMs: 86_400_000,
    newExpiresAt: new Date().toISOString(),
    status: 'pending',
    decisions: [],
  } as unknown as ExtensionRequest;
  expect(await env.run(activities.postExtension, request, extension)).toEqual(recorded);
  expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
});
