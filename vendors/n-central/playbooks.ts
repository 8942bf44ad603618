/**
 * N-central has no API to create users or tokens, so both playbooks are a human task followed by an API check;
 * a failed check re-opens the task with N-central's answer. Plain data, importable by workflow code.
 */
import type { PlaybooksFor } from '../define';
import type { createNCentralAdapter } from './adapter';

/** Playbooks may name only the steps this adapter has (checked by the compiler). */
type NCentralSteps = ReturnType<typeof createNCentralAdapter>;

/** Field reports say a revoked JWT can work for ~5 minutes (COMMUNITY); twice that leaves room. */
export const DEFAULT_REVOCATION_PROPAGATION_MS = 10 * 60_000;

/**
 * The playbooks for a connection. After the operator disables the user or regenerates its token, the check that
 * the old token is refused keeps re-checking for `revocationPropagationMs` before handing the task back.
 */
export function nCentralPlaybooks(
  revocationPropagationMs = DEFAULT_REVOCATION_PROPAGATION_MS,
): PlaybooksFor<NCentralSteps> {
  return {
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
      {
        kind: 'verify',
        check: 'jwtRefused',
        title: 'Check the old token is refused',
        retryTask: true,
        settleMs: revocationPropagationMs,
      },
    ],
  };
}
