/**
 * Messages with live buttons are posted once however often their activity is retried: after a crash, the retry
 * finds the heartbeat-recorded message and returns it instead of posting a second copy. Runs the real
 * activities against the fake Slack.
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

test('the first attempt posts the approval request and records the message in a heartbeat', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  const ref = await env.run(activities.postApprovalRequest, request, state);
  expect(slack.channelMessages('CAPPROVALS')).toHaveLength(1);
  expect(beats).toEqual([{ posted: ref }]);
});

test('a retry after a crash returns the recorded message and posts no second copy', async () => {
  const recorded = { channel: 'CAPPROVALS', ts: '1700000001.000100' };
  const env = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: { posted: recorded } });
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
