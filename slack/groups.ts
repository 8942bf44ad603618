/**
 * Slack user-group membership, read with `usergroups.users.list` when it matters (a click, a request) and kept
 * only briefly, so someone removed from an approver group stops counting within moments.
 */
import type { WebClient } from '@slack/web-api';

export interface GroupDirectory {
  /** Members of one user group. */
  members(groupId: string): Promise<ReadonlySet<string>>;
  /** Members of each of these groups, by group id. */
  membersOf(groupIds: readonly string[]): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** The first of these groups the person belongs to, if any. */
  groupOf(userId: string, groupIds: readonly string[]): Promise<string | undefined>;
}

export function createGroupDirectory(slack: WebClient, cacheMs: number): GroupDirectory {
  const cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();

  function members(groupId: string): Promise<ReadonlySet<string>> {
    const cached = cache.get(groupId);
    if (cached && Date.now() - cached.at < cacheMs) return cached.members;
    const fetched = slack.usergroups.users
      .list({ usergroup: groupId })
      .then((answer) => new Set(answer.users ?? []) as ReadonlySet<string>);
    cache.set(groupId, { at: Date.now(), members: fetched });
    // A failed lookup must not be remembered: the next click asks Slack again.
    fetched.catch(() => cache.delete(groupId));
    return fetched;
  }

  async function membersOf(groupIds: readonly string[]): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const unique = [...new Set(groupIds)];
    const sets = await Promise.all(unique.map(members));
    return new Map(unique.map((id, i) => [id, sets[i] as ReadonlySet<string>]));
  }

  return {
    members,
    membersOf,
    async groupOf(userId, groupIds) {
      const byGroup = await membersOf(groupIds);
      return groupIds.find((id) => byGroup.get(id)?.has(userId));
    },
  };
}
