/** App Home: published whenever the person opens the tab (Slack acknowledges events for us). */
import type { Feature } from '../../shared/feature';
import { publishHome } from '../../shared/home';

export const homeFeature: Feature = {
  register(app, ctx) {
    app.event('app_home_opened', async ({ event }) => {
      if (event.tab !== 'home') return;
      try {
        await publishHome(ctx, event.user);
      } catch (error) {
        ctx.logger.error({ err: error, userId: event.user }, 'could not publish App Home');
      }
    });
  },
};
