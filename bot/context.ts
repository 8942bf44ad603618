/** What every Slack listener needs, passed in rather than imported. */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Sealer } from '../activities/sealing';
import type { RequestCatalog } from './requests/catalog';
import type { RequestStarter } from './requests/start';

export interface BotContext {
  temporal: Client;
  catalog: RequestCatalog;
  requests: RequestStarter;
  logger: Logger;
  /** Seals secrets people paste into task modals before they leave the bot's process. */
  sealer: Sealer;
}
