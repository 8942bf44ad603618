/** Asking for a key: `/keys request` and the request modal. */
import type { Feature } from '../../shared/feature';
import { requestCommand } from './command';
import { registerRequestModal } from './modal';

export const requestFeature: Feature = {
  register: registerRequestModal,
  subcommands: { request: requestCommand },
};
