/**
 * The doctor's Slack checks against the fake Slack over HTTP: a good workspace passes line by line; each broken
 * setting (token, scopes, channel membership, unknown channel or group) fails with its fix; nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { blockingFailures, failures, renderReport, type DoctorReport } from '../../server/doctor/run';
import { REQUIRED_BOT_SCOPES, slackChecks } from '../../server/doctor/slack-checks';
import type { Policies } from '../../policies/types';
import { slackWebClient } from '../../slack/client';
import { FakeSlack } from '../support/fake-slack';

const HOUR = 3_600_000;
const none = { users: [], groups: [] };

const policies: Policies = {
  approvals: {
    channel: 'CAPPROVALS',
    approvers: { users: ['UALICE'], groups: ['SSECURITY'] },
    approvalsRequired: 1,
    allowSelfApproval: false,
    autoApprove: { users: [], groups: ['SSOC'] },
    pendingTimeoutMs: HOUR,
    escalateTo: none,
  },
  credentials: {
    defaultTtlMs: HOUR,
    maxTtlMs: HOUR,
    revealWithinMs: HOUR,
    reminderOffsetsMs: [],
    rotationOverlapMs: HOUR,
    historyEventLimit: 10_000,
    livenessCheckMs: HOUR,
    extendRequiresApproval: false,
  },
  overrides: [
    {
      vendor: 'ncentral',
      approvals: { channel: 'CNOC', approvers: { users: [], groups: ['STYPO'] } },
      credentials: {},
      operator: { users: [], groups: ['SSECURITY'] },
      label: 'policies.0 (ncentral)',
    },
  ],
};

let slack: FakeSlack;
let apiUrl: string;

beforeEach(async () => {
  slack = new FakeSlack('xoxb-test');
  apiUrl = await slack.start();
  slack.groups.set('SSECURITY', ['UDAVE']);
  slack.groups.set('SSOC', []);
  slack.groups.set('STYPO', ['UERIN']);
});
afterEach(() => slack.stop());

const check = (token = 'xoxb-test') =>
  slackChecks({ policies, vendors: {} }, slackWebClient({ botToken: token, apiUrl, port: 0 }, { retries: 0 }));

const failed = async (token?: string) => (await check(token)).filter((c) => !c.ok);

test('a workspace set up as the README says passes every check, and the doctor writes nothing to Slack', async () => {
  const checks = await check();
  expect(checks.map((c) => [c.ok, c.what])).toEqual([
    [true, 'Slack: the bot token authenticates (auth.test)'],
    [true, 'Slack: the bot token has the scopes Keywarden uses'],
    [true, 'Slack: the bot is in approval channel CAPPROVALS (approvals.channel)'],
    [true, 'Slack: the bot is in approval channel CNOC (policies.0.approvals.channel)'],
    [true, 'Slack: user group SSECURITY exists (approvals.approvers, policies.0.operator)'],
    [true, 'Slack: user group SSOC exists (approvals.auto_approve)'],
    [true, 'Slack: user group STYPO exists (policies.0.approvals.approvers)'],
  ]);
  expect(checks.find((c) => c.what.includes('SSOC'))?.detail).toContain('no members yet');
  expect(new Set(slack.calls.map((c) => c.method))).toEqual(
    new Set(['auth.test', 'conversations.info', 'usergroups.users.list']),
  );
});

test('a wrong token is one failed line that says where to copy the right one', async () => {
  const checks = await check('xoxb-wrong');
  expect(checks).toEqual([
    expect.objectContaining({
      ok: false,
      detail: 'Slack answered invalid_auth',
      fix: expect.stringContaining('Bot User OAuth Token'),
    }),
  ]);
});

test('missing scopes are named with the feature that needs them', async () => {
  slack.scopes = ['commands', 'chat:write', 'im:write', 'usergroups:read', 'users:read', 'channels:history'];
  const [scopes, ...channels] = await failed();
  expect(scopes?.detail).toBe(
    'missing channels:read (checking the bot is in each public approval channel (this doctor)), groups:read (checking the bot is in each private approval channel (this doctor)), groups:history (posting each approval message once across crashes (private approval channels))',
  );
  expect(scopes?.fix).toContain('reinstall');
  expect(channels.map((c) => c.fix)).toEqual([
    expect.stringContaining('reinstall'),
    expect.stringContaining('reinstall'),
  ]);
});

test('an approval channel the bot is not in, and one that does not exist, each fail with their fix', async () => {
  slack.botNotIn.add('CAPPROVALS');
  slack.unknownChannels.add('CNOC');
  expect((await failed()).map((c) => [c.what, c.fix])).toEqual([
    ['Slack: the bot is in approval channel CAPPROVALS (approvals.channel)', 'in #capprovals, type /invite @Keywarden'],
    [
      'Slack: the bot is in approval channel CNOC (policies.0.approvals.channel)',
      expect.stringContaining('copy the channel ID again'),
    ],
  ]);
});

test('a group Slack does not know fails, naming where keywarden.yaml uses it', async () => {
  slack.groups.delete('STYPO');
  expect(await failed()).toEqual([
    expect.objectContaining({
      what: 'Slack: user group STYPO exists (policies.0.approvals.approvers)',
      detail: 'Slack answered no_such_subteam',
      fix: expect.stringContaining('Copy group ID'),
    }),
  ]);
});

test('Slack out of reach is transient: the doctor fails, start-up only warns', async () => {
  await slack.stop();
  const report: DoctorReport = { sections: [{ title: 'Slack', checks: await check() }] };
  expect(failures(report)).toEqual([expect.objectContaining({ transient: true })]);
  expect(blockingFailures(report)).toEqual([]);
});

test('the report prints one line per check, ✓ or ✗, with the fix under each failure', () => {
  const report: DoctorReport = {
    sections: [
      {
        title: 'Acme vendor (vendors.acme)',
        checks: [
          { what: 'the admin key authenticates', ok: true, detail: 'signed in' },
          { what: 'org 7 exists', ok: false, detail: 'HTTP 404', fix: 'set org_id to the id in the console URL' },
        ],
      },
    ],
  };
  expect(renderReport(report)).toBe(
    [
      'Acme vendor (vendors.acme)',
      '  ✓ the admin key authenticates — signed in',
      '  ✗ org 7 exists — HTTP 404',
      '      fix: set org_id to the id in the console URL',
      '1 check failed.',
      '',
    ].join('\n'),
  );
});

test('slack/manifest.yml requests exactly the scopes the doctor checks for', () => {
  const manifest = parseYaml(readFileSync(join(__dirname, '../../slack/manifest.yml'), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  };
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(REQUIRED_BOT_SCOPES).sort());
});
