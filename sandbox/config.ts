/**
 * The sandbox's `keywarden.yaml`: one person is requester, approver and operator (self-approval on, so their own
 * requests can be approved by them), every seed vendor points at its fake, and the timers are short enough to
 * watch: reminders and the invitation check within seconds in a scripted run, within a minute with real Slack.
 */
import type { SandboxFakes } from './fakes';

export interface SandboxPeople {
  /** Requests, approves and does every human step. */
  user: string;
  /** Where approval requests are posted. */
  channel: string;
  /** Further approvers (the scripted run's approver is another person, as in most teams). */
  approvers?: string[];
}

export interface SandboxTimers {
  /** Human-step reminders, and how often an Automox invitation is checked. */
  remindEvery: string;
  deadline: string;
  /** Vendor steps per second; the vendors' own defaults (about one a second) when unset. */
  ratePerSecond?: number;
}

export const SCRIPTED_TIMERS: SandboxTimers = { remindEvery: '2s', deadline: '10m', ratePerSecond: 20 };
export const SLACK_TIMERS: SandboxTimers = { remindEvery: '1m', deadline: '2h' };

export function sandboxYaml(people: SandboxPeople, fakes: SandboxFakes, timers: SandboxTimers): string {
  const approvers = [people.user, ...(people.approvers ?? [])];
  return [
    '# Written by npm run sandbox: every vendor is a fake on loopback, and you do every part.',
    'approvals:',
    `  channel: ${people.channel}`,
    `  approvers: [${approvers.join(', ')}]`,
    '  allow_self_approval: true',
    '  pending_timeout: 2h',
    'credentials:',
    '  default_ttl: 1d',
    '  max_ttl: 7d',
    '  reveal_within: 2h',
    '  reminders: [1h]',
    '  rotation_overlap: 10m',
    `admins: [${people.user}]`,
    'vendors:',
    ...fakes.yaml(
      { humanSteps: { operator: people.user, remindEvery: timers.remindEvery, deadline: timers.deadline } },
      timers.ratePerSecond,
    ),
    '',
  ].join('\n');
}
