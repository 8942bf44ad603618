/** What every Slack listener needs, passed in rather than imported. */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Sealer } from '../activities/sealing';
import type { KeywardenConfig } from './config';
import { buildCatalog, type RequestCatalog } from './requests/catalog';
import { createRequestStarter, type RequestStarter } from './requests/start';

export interface BotContext {
  temporal: Client;
  catalog: RequestCatalog;
  requests: RequestStarter;
  logger: Logger;
  /** Seals secrets people paste into task modals before they leave the bot's process. */
  sealer: Sealer;
}

/** Everything the Slack listeners need, built from the configuration (shared by `npm start` and the tests). */
export function createBotContext(
  config: KeywardenConfig,
  temporal: Client,
  logger: Logger,
  sealer: Sealer,
): BotContext {
  const catalog = buildCatalog(config);
  return {
    temporal,
    catalog,
    requests: createRequestStarter(temporal, config.temporal.taskQueue, catalog),
    logger,
    sealer,
  };
}
