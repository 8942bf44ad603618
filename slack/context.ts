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
  bounds: AckBounds;
}

/** How long listeners wait, around `ack()` (see `shared/bounded.ts`). */
export interface AckBounds {
  /**
   * The longest a listener waits before acknowledging, for work that must come first (starting a request, so
   * "received" is only said once it is recorded; a quick update whose answer fits in the acknowledgement).
   * Well inside Slack's 3 seconds.
   */
  beforeAckMs: number;
  /** After acknowledging, how long a workflow may take to answer before the person is told it is still working. */
  stillWorkingMs: number;
}

const DEFAULT_BOUNDS: AckBounds = { beforeAckMs: 2_000, stillWorkingMs: 5_000 };

export interface BotContextOptions {
  /** How long a user group's membership is trusted before Slack is asked again. */
  groupCacheMs?: number;
  /** Told of every failed Slack call the bot makes (the process root counts them). */
  onSlackError?: (method: string, error: string) => void;
  /** Tests shorten these to see a slow or unreachable Temporal answered truthfully without long waits. */
  bounds?: Partial<AckBounds>;
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
    bounds: { ...DEFAULT_BOUNDS, ...options.bounds },
  };
}
