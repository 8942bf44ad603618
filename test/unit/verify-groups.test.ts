/**
 * The start-up check of user groups named in `keywarden.yaml`, against the fake Slack over HTTP: unknown groups
 * and a missing scope stop start-up with the paths to fix; a group that exists passes.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger';
import { groupsNamed } from '../../bot/policies/groups';
import type { Policies } from '../../bot/policies/types';
import { slackWebClient } from '../../bot/slack/client';
import { createGroupDirectory } from '../../bot/slack/groups';
import { groupProblems } from '../../bot/slack/verify-groups';
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
      approvals: { approvers: { users: [], groups: ['STYPO'] } },
      credentials: {},
      operator: { users: [], groups: ['SSECURITY'] },
      label: 'policies.0 (ncentral)',
    },
  ],
};

let slack: FakeSlack;
let apiUrl: string;
const logs: string[] = [];
const logger = createLogger(
  'info',
  new Writable({ write: (c: Buffer, _e, done) => (logs.push(c.toString()), done()) }),
);

beforeEach(async () => {
  slack = new FakeSlack('xoxb-test');
  apiUrl = await slack.start();
  slack.groups.set('SSECURITY', ['UDAVE']);
  slack.groups.set('SSOC', []);
});
afterEach(() => slack.stop());

const check = () =>
  groupProblems(
    createGroupDirectory(slackWebClient({ botToken: 'xoxb-test', apiUrl, port: 0 }, 0), 0),
    groupsNamed({ policies, vendors: {} }),
    logger,
  );

test('every place a group is named is found', () => {
  expect(Object.fromEntries(groupsNamed({ policies, vendors: {} }))).toEqual({
    SSECURITY: ['approvals.approvers', 'policies.0.operator'],
    SSOC: ['approvals.auto_approve'],
    STYPO: ['policies.0.approvals.approvers'],
  });
});

test('a group Slack does not know stops start-up, naming where it is used and how to find the right id', async () => {
  expect(await check()).toEqual([
    "policies.0.approvals.approvers: user group STYPO does not exist in this workspace; copy the group's ID again (People → User groups → ⋮ → Copy group ID)",
  ]);
  expect(logs.some((line) => line.includes('has no members') && line.includes('SSOC'))).toBe(true);
});

test('an app without usergroups:read is told to reinstall from the manifest', async () => {
  slack.groups.set('STYPO', ['UERIN']);
  for (let i = 0; i < 3; i++) slack.failNext('usergroups.users.list', 'missing_scope');
  const problems = await check();
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((p) => p.includes('lacks the usergroups:read scope'))).toBe(true);
});

test('groups that exist pass', async () => {
  slack.groups.set('STYPO', ['UERIN']);
  expect(await check()).toEqual([]);
});
