/**
 * The Bolt app: Socket Mode when an app token is configured, otherwise signed HTTP at `POST /slack/events`
 * (plus `GET /healthz`). It holds no state; every action becomes a Temporal start, update or query. Listeners
 * come from the features below; `/keys` dispatches each subcommand to the feature that owns it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { KeywardenConfig } from '../config/load';
import { boltLogger } from './bolt-logger';
import type { BotContext } from './context';
import { approvalFeature } from './features/approval';
import { credentialFeature } from './features/credential';
import { homeFeature } from './features/home';
import { humanStepFeature } from './features/human-step';
import { listingFeature } from './features/listing';
import { requestFeature } from './features/request';
import { registerKeysCommand } from './keys/command';
import { createHttpReceiver } from './receiver';
import type { Feature } from './shared/feature';
import type { Subcommand } from './shared/replies';
import { recordListeners } from './unknown-interactions';

const FEATURES: readonly Feature[] = [
  requestFeature,
  approvalFeature,
  humanStepFeature,
  credentialFeature,
  listingFeature,
  homeFeature,
];

export interface SlackBot {
  /** Starts listening; resolves with the HTTP port, or undefined in Socket Mode. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** Builds the bot from the Slack settings and the listeners' context; nothing listens until `start()`. */
export function createSlackBot(slack: KeywardenConfig['slack'], ctx: BotContext): SlackBot {
  const logger = boltLogger(ctx.logger);
  const clientOptions = slack.apiUrl ? { slackApiUrl: ensureTrailingSlash(slack.apiUrl) } : {};
  const receiver = slack.appToken
    ? undefined
    : createHttpReceiver({ signingSecret: slack.signingSecret ?? '', logger });
  const app = new App({
    token: slack.botToken,
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: slack.appToken }),
  });
  const subcommands = new Map<string, Subcommand>();
  const listeners = recordListeners(app);
  for (const feature of FEATURES) {
    feature.register(listeners.app, ctx);
    for (const [name, handler] of Object.entries(feature.subcommands ?? {})) subcommands.set(name, handler);
  }
  registerKeysCommand(app, ctx, subcommands);
  listeners.answerTheRest();
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
