/** What every Slack listener needs, passed in rather than imported. */
import type { WebClient } from '@slack/web-api';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Sealer } from '../secrets/sealing';
import type { KeywardenConfig } from '../config/load';
import { buildCatalog, type RequestCatalog } from './requests/catalog';
import { createRequestStarter, type RequestStarter } from './requests/start';
import { slackWebClient } from './client';
import { createGroupDirectory, type GroupDirectory } from './groups';

export interface BotContext {
  temporal: Client;
  /** Keywarden's task queue: listings are limited to its workflows (a namespace may host other deployments). */
  taskQueue: string;
  catalog: RequestCatalog;
  requests: RequestStarter;
  logger: Logger;
  /** Seals secrets people paste into task modals before they leave the bot's process. */
  sealer: Sealer;
  /** For calls outside a listener's own `client` (group lookups, App Home refreshes). */
  slack: WebClient;
  groups: GroupDirectory;
}

export interface BotContextOptions {
  /** How long a user group's membership is trusted before Slack is asked again. */
  groupCacheMs?: number;
  /** Told of every failed Slack call the bot makes (the process root counts them). */
  onSlackError?: (method: string, error: string) => void;
}

const GROUP_CACHE_MS = 60_000;

/** Everything the Slack listeners need, built from the configuration (shared by `npm start` and the tests). */
export function createBotContext(
  config: KeywardenConfig,
  temporal: Client,
  logger: Logger,
  sealer: Sealer,
  options: BotContextOptions = {},
): BotContext {
  const catalog = buildCatalog(config);
  const slack = slackWebClient(config.slack, { retries: 1, logger, onError: options.onSlackError });
  const groups = createGroupDirectory(slack, options.groupCacheMs ?? GROUP_CACHE_MS);
  return {
    temporal,
    taskQueue: config.temporal.taskQueue,
    catalog,
    requests: createRequestStarter(temporal, config.temporal.taskQueue, catalog, groups),
    logger,
    sealer,
    slack,
    groups,
  };
}
