/**
 * Start-up check that every user group in `keywarden.yaml` exists and can be read. A group Slack does not know,
 * or an app without `usergroups:read`, stops start-up with the paths to fix; Slack being briefly unreachable
 * does not (groups are read again whenever they matter).
 */
import type { Logger } from 'pino';
import { slackErrorCode } from '../../activities/failures';
import type { GroupDirectory } from './groups';

const FIXES: Record<string, (group: string) => string> = {
  no_such_subteam: (group) =>
    `user group ${group} does not exist in this workspace; copy the group's ID again (People → User groups → ⋮ → Copy group ID)`,
  missing_scope: () =>
    'the Slack app lacks the usergroups:read scope needed to read user groups; reinstall it from bot/manifest.yml',
  not_allowed_token_type: () => 'SLACK_BOT_TOKEN must be a bot token (xoxb-…) to read user groups',
};

/** Problems to stop start-up for, as `<path>: <what to do>`; empty when every group can be read. */
export async function groupProblems(
  groups: GroupDirectory,
  named: ReadonlyMap<string, readonly string[]>,
  logger: Logger,
): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    [...named].map(async ([group, paths]) => {
      try {
        const members = await groups.members(group);
        if (members.size === 0) logger.warn({ group, paths }, 'user group named in keywarden.yaml has no members');
      } catch (error) {
        const fix = FIXES[slackErrorCode(error) ?? ''];
        if (fix) problems.push(...paths.map((path) => `${path}: ${fix(group)}`));
        else logger.warn({ err: error, group }, 'could not check a user group at start-up; it is read again when used');
      }
    }),
  );
  return [...new Set(problems)].sort();
}
