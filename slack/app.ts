/**
 * The Bolt app: Socket Mode when an app token is configured, otherwise signed HTTP at `POST /slack/events`
 * (plus `GET /healthz`). It holds no state; every action becomes a Temporal start, update or query.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { registerCredentialActions } from './actions/credential';
import { registerDecisionActions } from './actions/decide';
import { registerRevealAction } from './actions/reveal';
import { registerTaskActions } from './actions/tasks';
import { boltLogger } from './bolt-logger';
import { registerKeysCommand } from './commands/keys';
import { registerAppHome } from './home';
import type { KeywardenConfig } from '../config/load';
import type { BotContext } from './context';
import { registerRequestModal } from './modals/request';

export interface SlackBot {
  /** Starts listening; resolves with the HTTP port, or undefined in Socket Mode. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

export function createSlackBot(slack: KeywardenConfig['slack'], ctx: BotContext): SlackBot {
  const logger = boltLogger(ctx.logger);
  const clientOptions = slack.apiUrl ? { slackApiUrl: ensureTrailingSlash(slack.apiUrl) } : {};
  const receiver = slack.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: slack.signingSecret ?? '',
        endpoints: '/slack/events',
        logger,
        customRoutes: [
          { path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200).end('ok') },
        ],
      });
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: slack.appToken }),
  });
  registerKeysCommand(app, ctx);
  registerRequestModal(app, ctx);
  registerDecisionActions(app, ctx);
  registerTaskActions(app, ctx);
  registerRevealAction(app, ctx);
  registerCredentialActions(app, ctx);
  registerAppHome(app, ctx);
  app.error((error) => {
    ctx.logger.error(
      { err: { name: error.name, code: error.code, message: error.message } },
      'unhandled Slack listener error',
    );
    return Promise.resolve();
  });

  return {
    async start() {
      if (!receiver) {
        await app.start();
        return undefined;
      }
      const server = (await app.start(slack.port)) as Server;
      return (server.address() as AddressInfo).port;
    },
    stop: () => app.stop().then(() => undefined),
  };
}

function ensureTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
