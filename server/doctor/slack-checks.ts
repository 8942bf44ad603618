/**
 * The doctor's Slack checks, read-only: the bot token authenticates, carries the scopes Keywarden's features use,
 * the bot is a member of every approval channel, and every user group `keywarden.yaml` names can be read.
 */
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../../activities/failures';
import type { DoctorCheck } from '../../vendors/doctor-kit';
import type { KeywardenConfig } from '../../config/load';
import { groupsNamed } from '../../policies/groups';
import { entryPath } from '../../policies/wording';

/** Bot scopes by the feature that needs them; `slack/manifest.yml` requests exactly these. */
export const REQUIRED_BOT_SCOPES: Readonly<Record<string, string>> = {
  commands: 'the /keys command',
  'chat:write': 'approval messages, tasks and private deliveries',
  'im:write': 'direct messages (delivery notices, reminders)',
  'usergroups:read': 'approver and operator user groups',
  'users:read': 'names of requesters and approvers',
  'channels:read': 'checking the bot is in each public approval channel (this doctor)',
  'groups:read': 'checking the bot is in each private approval channel (this doctor)',
  'channels:history': 'posting each approval message once across crashes (public approval channels)',
  'groups:history': 'posting each approval message once across crashes (private approval channels)',
};

const REINSTALL =
  'add the scope to the Slack app (slack/manifest.yml lists every scope) and reinstall it to the workspace';

/** What Slack errors mean for the person running the doctor. */
const TOKEN_FIXES: Record<string, string> = {
  invalid_auth: 'SLACK_BOT_TOKEN is not a valid token: copy the Bot User OAuth Token again (OAuth & Permissions)',
  not_authed: 'SLACK_BOT_TOKEN is empty: set it to the Bot User OAuth Token (xoxb-…)',
  account_inactive: 'the app was uninstalled or the token revoked: reinstall the app and copy the new token',
  token_revoked: 'the token was revoked: reinstall the app and copy the new Bot User OAuth Token',
};

export async function slackChecks(
  config: Pick<KeywardenConfig, 'policies' | 'vendors'>,
  slack: WebClient,
): Promise<DoctorCheck[]> {
  const auth = await authenticate(slack);
  if (!auth.check.ok) return [auth.check];
  return [
    auth.check,
    scopesCheck(auth.scopes),
    ...(await Promise.all(
      [...approvalChannels(config)].map(([channel, paths]) => channelCheck(slack, channel, paths)),
    )),
    ...(await Promise.all([...groupsNamed(config)].map(([group, paths]) => groupCheck(slack, group, paths)))),
  ];
}

async function authenticate(slack: WebClient): Promise<{ check: DoctorCheck; scopes?: string[] }> {
  const what = 'Slack: the bot token authenticates (auth.test)';
  try {
    const answer = await slack.auth.test();
    return {
      check: { what, ok: true, detail: `bot @${answer.user ?? '?'} in workspace ${answer.team ?? '?'}` },
      scopes: answer.response_metadata?.scopes,
    };
  } catch (error) {
    const code = slackErrorCode(error);
    const fix = TOKEN_FIXES[code ?? ''];
    if (fix) return { check: { what, ok: false, detail: `Slack answered ${code}`, fix } };
    return {
      check: {
        what,
        ok: false,
        detail: `Slack could not be reached (${(error as Error).message})`,
        fix: 'check the network path to Slack (or SLACK_API_URL), then run the doctor again',
        transient: true,
      },
    };
  }
}

function scopesCheck(granted: string[] | undefined): DoctorCheck {
  const what = 'Slack: the bot token has the scopes Keywarden uses';
  if (!granted) return { what, ok: true, detail: 'Slack did not list the granted scopes; not checked' };
  const missing = Object.keys(REQUIRED_BOT_SCOPES).filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return { what, ok: true, detail: Object.keys(REQUIRED_BOT_SCOPES).join(', ') };
  return {
    what,
    ok: false,
    detail: `missing ${missing.map((scope) => `${scope} (${REQUIRED_BOT_SCOPES[scope]})`).join(', ')}`,
    fix: REINSTALL,
  };
}

/** Channel id → the paths in `keywarden.yaml` that name it. */
function approvalChannels(config: Pick<KeywardenConfig, 'policies'>): Map<string, string[]> {
  const channels = new Map<string, string[]>();
  const add = (channel: string | undefined, path: string) => {
    if (channel) channels.set(channel, [...(channels.get(channel) ?? []), path]);
  };
  add(config.policies.approvals.channel, 'approvals.channel');
  for (const entry of config.policies.overrides) add(entry.approvals.channel, `${entryPath(entry)}.approvals.channel`);
  return channels;
}

const CHANNEL_FIXES: Record<string, string> = {
  channel_not_found:
    'no channel with this ID is visible to the bot: copy the channel ID again (channel details → bottom), or invite the bot to the private channel',
  missing_scope: `the bot cannot read channel details: ${REINSTALL}`,
};

async function channelCheck(slack: WebClient, channel: string, paths: string[]): Promise<DoctorCheck> {
  const what = `Slack: the bot is in approval channel ${channel} (${paths.join(', ')})`;
  try {
    const answer = await slack.conversations.info({ channel });
    const name = answer.channel?.name ? `#${answer.channel.name}` : channel;
    if (answer.channel?.is_member) return { what, ok: true, detail: `member of ${name}` };
    return { what, ok: false, detail: `not a member of ${name}`, fix: `in ${name}, type /invite @Keywarden` };
  } catch (error) {
    return slackFailure(what, error, CHANNEL_FIXES);
  }
}

const GROUP_FIXES: Record<string, string> = {
  no_such_subteam:
    'no user group with this ID exists: copy the group ID again (People → User groups → ⋮ → Copy group ID)',
  missing_scope: `the bot cannot read user groups: ${REINSTALL}`,
  not_allowed_token_type: 'SLACK_BOT_TOKEN must be a bot token (xoxb-…) to read user groups',
};

async function groupCheck(slack: WebClient, group: string, paths: string[]): Promise<DoctorCheck> {
  const what = `Slack: user group ${group} exists (${paths.join(', ')})`;
  try {
    const answer = await slack.usergroups.users.list({ usergroup: group });
    const count = answer.users?.length ?? 0;
    // An empty group is not a broken configuration (people may join later), but it is worth seeing.
    return {
      what,
      ok: true,
      detail: count > 0 ? members(count) : 'exists but has no members yet: nobody in it can act',
    };
  } catch (error) {
    return slackFailure(what, error, GROUP_FIXES);
  }
}

function members(n: number): string {
  return `${n} member${n === 1 ? '' : 's'}`;
}

function slackFailure(what: string, error: unknown, fixes: Record<string, string>): DoctorCheck {
  const code = slackErrorCode(error);
  if (code)
    return { what, ok: false, detail: `Slack answered ${code}`, fix: fixes[code] ?? 'see the Slack error above' };
  return {
    what,
    ok: false,
    detail: `Slack could not be reached (${(error as Error).message})`,
    fix: 'run the doctor again once Slack answers',
    transient: true,
  };
}
