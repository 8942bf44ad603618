/**
 * Publishing App Home: when the person opens the tab, and again after they act from it, so what they see is
 * what Temporal visibility says now. Shared by the home feature and the credential buttons shown there.
 */
import type { BotContext } from '../context';
import { listCredentials } from '../visibility/credentials';
import { waitingOn } from '../visibility/waiting';
import { homeView } from '../views/home';

const SHOWN = 15;

/** Publishes the person's App Home; rejects when Temporal or Slack fails (callers log it). */
export async function publishHome(ctx: BotContext, userId: string): Promise<void> {
  const [credentials, waiting] = await Promise.all([listCredentials(ctx, userId, SHOWN), waitingOn(ctx, userId)]);
  await ctx.slack.views.publish({ user_id: userId, view: homeView(ctx.catalog, credentials, waiting) });
}
