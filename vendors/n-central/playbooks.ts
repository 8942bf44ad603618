/**
 * N-central has no API to create users or tokens, so both playbooks are a human task followed by an API check;
 * a failed check re-opens the task with N-central's answer. Plain data, importable by workflow code.
 */
import type { VendorPlaybooks } from '../../workflows/types';

export const nCentralPlaybooks: VendorPlaybooks = {
  provision: [
    {
      kind: 'task',
      task: 'createApiUser',
      title: 'Create the API-only user and generate its token',
      assignee: 'operator',
      returnsSecret: true,
    },
    { kind: 'verify', check: 'jwtValid', title: 'Check the token signs in as that user', retryTask: true },
  ],
  revoke: [
    {
      kind: 'task',
      task: 'revokeApiUser',
      title: 'Disable the API user or regenerate its token',
      assignee: 'operator',
      returnsSecret: false,
    },
    { kind: 'verify', check: 'jwtRefused', title: 'Check the old token is refused', retryTask: true },
  ],
};
