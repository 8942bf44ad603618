/** What activity unit tests share: a request to post about, and a Web API client on the fake Slack. */
import type { WebClient } from '@slack/web-api';
import { slackWebClient } from '../../slack/client';
import type { CredentialRequest } from '../../workflows/types';
import { FakeSlack } from './fake-slack';

/** The parts of a request the Slack activities read; the rest of the policy is not needed to post. */
export const sampleRequest = {
  requestId: 'r1',
  vendor: { key: 'vectra', displayName: 'Vectra Fusion' },
  role: 'readonly',
  ttlMs: 3_600_000,
  purpose: 'SIEM',
  fields: {},
  requester: { userId: 'UREQ', channelId: 'CREQUESTS' },
  requestedAt: new Date().toISOString(),
  policy: { approvalChannel: 'CAPPROVALS', approvers: ['UALICE'], approvalsRequired: 1, admins: [] },
} as unknown as CredentialRequest;

/** A started fake Slack and a client of it, as activities get one (no retries). */
export async function fakeSlackClient(): Promise<{ slack: FakeSlack; client: WebClient }> {
  const slack = new FakeSlack('xoxb-test');
  const apiUrl = await slack.start();
  return { slack, client: slackWebClient({ botToken: 'xoxb-test', apiUrl, port: 0 }, { retries: 0 }) };
}
