/**
 * What one Keywarden process runs. `all` (the default): the Slack bot and a worker, with the embedded Temporal
 * server when `TEMPORAL_ADDRESS` is unset, and the Web UI's codec. `bot`: only the Slack listeners (stateless; run
 * any number, any replica takes any click). `worker`: only workflows and activities (any number share the task
 * queues). `codec`: only the Web UI's codec endpoint, for a Temporal Web UI beside a split deployment. Split roles
 * share a Temporal server and sealing keys, so they require `TEMPORAL_ADDRESS` and `KEYWARDEN_SEALING_KEYS`.
 */
export type Role = 'all' | 'bot' | 'worker' | 'codec';

export const ROLES: readonly Role[] = ['all', 'bot', 'worker', 'codec'];

export const ROLE_USAGE = 'usage: keywarden [all|bot|worker|codec]   (default: all)';

/** The role named on the command line, or the problems with it. */
export function parseRole(
  args: readonly string[],
  env: { temporalAddress: string | undefined; sealingKeys: boolean },
): Role | string[] {
  if (args.length > 1) return [`expected at most one role, got: ${args.join(' ')}`, ROLE_USAGE];
  const role = args[0] ?? 'all';
  if (!(ROLES as readonly string[]).includes(role)) return [`unknown role "${role}"`, ROLE_USAGE];
  const problems: string[] = [];
  if ((role === 'bot' || role === 'worker') && !env.temporalAddress) {
    problems.push(
      `TEMPORAL_ADDRESS: the ${role} role shares a Temporal server with the other processes; set TEMPORAL_ADDRESS (only the all-in-one role runs an embedded server)`,
    );
  }
  if (role === 'codec' && !env.sealingKeys) {
    problems.push('KEYWARDEN_SEALING_KEYS: the codec role decodes what bots and workers sealed; give it their keys');
  }
  return problems.length > 0 ? problems : (role as Role);
}

export const runsWorker = (role: Role): boolean => role === 'all' || role === 'worker';
export const runsBot = (role: Role): boolean => role === 'all' || role === 'bot';
export const usesTemporal = (role: Role): boolean => role !== 'codec';
export const servesCodec = (role: Role): boolean => role === 'all' || role === 'codec';
