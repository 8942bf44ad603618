/**
 * What the bot needs to know about each vendor type without talking to it: roles it offers and its playbooks.
 * Pure data, importable anywhere.
 */
import type { VendorPlaybooks } from '../workflows/types';
import { vectraFusionPlaybooks } from './vectra-fusion/playbooks';

export const PLAYBOOKS_BY_TYPE: Readonly<Record<string, VendorPlaybooks>> = {
  'vectra-fusion': vectraFusionPlaybooks,
};
