/**
 * The Reveal offer survives retries: once Slack has accepted it and the heartbeat recorded it, a retried activity
 * (the worker crashed before completing) does not post it again. Runs the real activity against the fake Slack.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createDeliveryActivities } from '../../activities/delivery';
import type { DeliveryInput } from '../../workflows/activity-contract';
import { messageViews } from '../../slack/views/messages';
import { sampleRequest, fakeSlackClient } from '../support/activity-fixtures';
import type { FakeSlack } from '../support/fake-slack';

let slack: FakeSlack;
let activities: ReturnType<typeof createDeliveryActivities>;

beforeEach(async () => {
  const started = await fakeSlackClient();
  slack = started.slack;
  activities = createDeliveryActivities({
    slack: started.client,
    logger: pino({ level: 'silent' }),
    views: messageViews,
  });
});
afterEach(() => slack.stop());

const request = sampleRequest;

const input = (noticeSeparately: boolean): DeliveryInput => ({
  credentialId: 'r1',
  generationId: 'r1',
  request,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  revealBy: new Date(Date.now() + 600_000).toISOString(),
  ...(noticeSeparately ? { noticeSeparately } : {}),
});

test('the first attempt posts the offer and records it in a heartbeat', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  expect(await env.run(activities.deliverCredential, input(true))).toBe('request_channel');
  expect(slack.callsTo('chat.postEphemeral')).toHaveLength(1);
  expect(beats).toEqual([{ offered: 'request_channel' }]);
  // The notice is the workflow's next step, not this one's.
  expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
});

test('a retry after a crash finds the recorded offer and posts nothing', async () => {
  const env = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: { offered: 'request_channel' } });
  expect(await env.run(activities.deliverCredential, input(true))).toBe('request_channel');
  expect(slack.callsTo('chat.postEphemeral')).toHaveLength(0);
});

test('histories from before the separate notice still get the DM from the offer step', async () => {
  await new MockActivityEnvironment().run(activities.deliverCredential, input(false));
  expect(slack.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['DUREQ']);
});
