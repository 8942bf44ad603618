/**
 * Gotransverse has no API for users or keys, so a person does every step in the UI and Keywarden proves the
 * result by calling the API with the key. Plain data, importable by workflow code.
 */
import type { PlaybooksFor } from '../define';
import type { createGotransverseAdapter } from './adapter';

/** Playbooks may name only the steps this adapter has (checked by the compiler). */
type GotransverseSteps = ReturnType<typeof createGotransverseAdapter>;

export const gotransversePlaybooks: PlaybooksFor<GotransverseSteps> = {
  provision: [
    {
      kind: 'task',
      task: 'generateKey',
      title: 'Generate the API key in Gotransverse',
      assignee: 'operator',
      returnsSecret: true,
    },
    {
      kind: 'verify',
      check: 'keyHasApisets',
      title: 'Check the key opens exactly the requested API sets',
      // The operator can fix a wrong key (wrong sets, truncated paste), so a failure asks them again.
      retryTask: true,
    },
  ],
  revoke: [
    {
      kind: 'task',
      task: 'deleteKey',
      title: 'Delete the API key in Gotransverse',
      assignee: 'operator',
      returnsSecret: false,
    },
    { kind: 'verify', check: 'keyRefused', title: 'Check every API set refuses the deleted key', retryTask: true },
  ],
};
