/**
 * All activities, built from their dependencies. Workflows import only the type of this factory's result.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { VendorRegistry } from '../vendors/registry';
import type { KeywardenActivities } from '../workflows/activity-contract';
import type { Sealer } from '../secrets/sealing';
import type { DestinationRegistry } from '../destinations/registry';
import { createDeliveryActivities } from './delivery';
import { createDestinationActivities } from './destination';
import { createSlackActivities } from './slack';
import { createTaskActivities } from './tasks';
import { createVendorActivities } from './vendor';
import type { MessageViews } from './views';

export interface ActivityDeps {
  slack: WebClient;
  vendors: VendorRegistry;
  /** The configured destinations; absent when none are. */
  destinations?: DestinationRegistry;
  sealer: Sealer;
  logger: Logger;
  /** How the messages look: the Slack surface's views, handed in by the process root. */
  views: MessageViews;
}

export function createActivities(deps: ActivityDeps): KeywardenActivities {
  return {
    ...createSlackActivities(deps),
    ...createDeliveryActivities(deps),
    ...createDestinationActivities(deps),
    ...createTaskActivities(deps),
    ...createVendorActivities(deps),
  };
}

export type { KeywardenActivities };
