/**
 * App Home: published when the person opens the tab, and again after they act from it, so what they see is
 * what Temporal visibility says now.
 */
import type { App } from '@slack/bolt';
import type { BotContext } from './context';
import { listCredentials } from './listing/credentials';
import { waitingOn } from './listing/waiting';
import { homeView } from './views/home';

const SHOWN = 15;

export async function publishHome(ctx: BotContext, userId: string): Promise<void> {
  const [credentials, waiting] = await Promise.all([listCredentials(ctx, userId, SHOWN), waitingOn(ctx, userId)]);
  await ctx.slack.views.publish({ user_id: userId, view: homeView(ctx.catalog, credentials, waiting) });
}

export function registerAppHome(app: App, ctx: BotContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(ctx, event.user);
    } catch (error) {
      ctx.logger.error({ err: error, userId: event.user }, 'could not publish App Home');
    }
  });
}
