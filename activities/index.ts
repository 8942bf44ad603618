/**
 * All activities, built from their dependencies. Workflows import only the type of this factory's result.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { VendorRegistry } from '../vendors/registry';
import type { Sealer } from './sealing';
import { createDeliveryActivities } from './delivery';
import { createSlackActivities } from './slack';
import { createTaskActivities } from './tasks';
import { createVendorActivities } from './vendor';

export interface ActivityDeps {
  slack: WebClient;
  vendors: VendorRegistry;
  sealer: Sealer;
  logger: Logger;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSlackActivities(deps),
    ...createDeliveryActivities(deps),
    ...createTaskActivities(deps),
    ...createVendorActivities(deps),
  };
}

export type KeywardenActivities = ReturnType<typeof createActivities>;
