/** `/keys status <id>`: a request's state and audit timeline, for its requester, its approvers and admins. */
import type { BotContext } from '../../context';
import { answerLater, type Subcommand } from '../../shared/replies';
import { readStatus } from '../../visibility/status';
import { statusText } from '../../views/status';
import { quoteTyped } from '../../views/format';

const ID = /^[a-z0-9]{6,40}$/;

export const statusCommand: Subcommand = async ({ parsed, command, replies, ctx }) => {
  const [id, ...extra] = parsed.positional;
  if (!id || extra.length > 0 || parsed.options.size > 0 || !ID.test(id)) {
    await replies.ack({
      response_type: 'ephemeral',
      text: ':warning: Usage: `/keys status <id>`, e.g. `/keys status k7m2q9xd4a`. Your ids are in `/keys list`.',
    });
    return;
  }
  await answerLater(replies, ctx, async () => {
    const status = await readStatus(ctx.temporal, id);
    const notFound = `No request ${quoteTyped(id)} that you can see. Your requests are in \`/keys list\`.`;
    if (!status) return notFound;
    return (await maySeeStatus(ctx, command.user_id, status.requester, status.vendorKey, status.role))
      ? statusText(ctx.catalog, status)
      : notFound;
  });
};

/** The requester, an admin, or an approver of the vendor and role (directly or through a group). */
async function maySeeStatus(
  ctx: BotContext,
  userId: string,
  requester: string,
  vendorKey: string,
  role: string,
): Promise<boolean> {
  if (userId === requester || ctx.catalog.admins.includes(userId)) return true;
  if (!ctx.catalog.vendors.has(vendorKey)) return false;
  const { approvers } = ctx.catalog.policyFor(vendorKey, role).approvals;
  return approvers.users.includes(userId) || !!(await ctx.groups.groupOf(userId, approvers.groups));
}
