/**
 * Keywarden as the real compiled processes (`node dist/server/main.js bot|worker|all`), SIGKILLed and started
 * again the way a crash and a supervisor would. The requesters' client follows the bot to its new port.
 */
import { startKeywarden, type KeywardenProcess } from '../test/support/processes';
import type { FakeSlack } from '../test/support/fake-slack';
import { SignedSlackClient } from '../test/support/slack-client';
import { SIGNING_SECRET } from '../test/support/stack';
import type { CurrentClient } from './people';

export type Role = 'bot' | 'worker' | 'all';

export interface Fleet {
  /** The bot's client while a bot (or all-in-one) process is up. */
  client: CurrentClient;
  process(role: Role): KeywardenProcess | undefined;
  /** SIGKILLs the role's process now (synchronously: no answer it is writing leaves it) and starts it again. */
  killAndRestart(role: Role): Promise<void>;
  kills: number;
  stop(): Promise<void>;
}

export async function startFleet(
  roles: readonly Role[],
  env: Readonly<Record<string, string>>,
  slack: FakeSlack,
): Promise<Fleet> {
  const running = new Map<Role, KeywardenProcess>();
  const everyProcess: KeywardenProcess[] = [];
  let client: SignedSlackClient | undefined;
  const start = async (role: Role) => {
    const started = await startKeywarden(role, env);
    everyProcess.push(started);
    running.set(role, started);
    if (started.slackUrl) client = new SignedSlackClient(started.slackUrl, SIGNING_SECRET, slack);
  };
  await Promise.all(roles.map(start));
  const fleet: Fleet = {
    client: () => client,
    process: (role) => running.get(role),
    kills: 0,
    async killAndRestart(role) {
      const victim = running.get(role);
      // Already down (being restarted): one crash at a time per role.
      if (!victim) return;
      running.delete(role);
      if (victim.slackUrl) client = undefined;
      victim.child.kill('SIGKILL');
      fleet.kills += 1;
      await victim.exited;
      await start(role);
    },
    async stop() {
      await Promise.all(everyProcess.map((p) => p.stop('SIGKILL')));
    },
  };
  return fleet;
}
