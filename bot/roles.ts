/**
 * What one Keywarden process runs. `all` (the default): the Slack bot and a worker, with the embedded Temporal
 * server when `TEMPORAL_ADDRESS` is unset. `bot`: only the Slack listeners (stateless; run any number, any replica
 * takes any click). `worker`: only workflows and activities (any number share the task queue). Split roles need a
 * Temporal server they share, so they require `TEMPORAL_ADDRESS`.
 */
export type Role = 'all' | 'bot' | 'worker';

export const ROLES: readonly Role[] = ['all', 'bot', 'worker'];

export const ROLE_USAGE = 'usage: keywarden [all|bot|worker]   (default: all)';

/** The role named on the command line, or the problems with it. */
export function parseRole(args: readonly string[], temporalAddress: string | undefined): Role | string[] {
  if (args.length > 1) return [`expected at most one role, got: ${args.join(' ')}`, ROLE_USAGE];
  const role = args[0] ?? 'all';
  if (!(ROLES as readonly string[]).includes(role)) return [`unknown role "${role}"`, ROLE_USAGE];
  if (role !== 'all' && !temporalAddress) {
    return [
      `TEMPORAL_ADDRESS: the ${role} role shares a Temporal server with the other processes; set TEMPORAL_ADDRESS (only the all-in-one role runs an embedded server)`,
    ];
  }
  return role as Role;
}

export const runsWorker = (role: Role): boolean => role !== 'bot';
export const runsBot = (role: Role): boolean => role !== 'worker';
