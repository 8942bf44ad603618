/**
 * The Automox fake in a test stack: two integrations (`siem`, `backup`), each a dedicated read-only user with its
 * own bootstrap key, and a Global Admin for invite mode.
 */
import type { FakeKit } from '../../fake-kit/kit';
import { FakeAutomox } from './server';
import { serveAutomoxConsole } from './console';

export interface AutomoxKitDetails {
  /** The integration users' ids. */
  users: { siem: number; backup: number };
}

export const automoxKit: FakeKit<FakeAutomox, AutomoxKitDetails> = {
  key: 'automox',
  async start() {
    const fake = new FakeAutomox();
    const url = await fake.start();
    const consolePath = serveAutomoxConsole(fake);
    const users = {
      siem: fake.createUser({ email: 'keywarden-siem@acme.test', role: 'read-only' }).id,
      backup: fake.createUser({ email: 'keywarden-backup@acme.test', role: 'read-only' }).id,
    };
    const admin = fake.createUser({ email: 'it-admin@acme.test', role: 'global-admin' });
    return {
      fake,
      details: { users },
      entry: ({ humanSteps }) => [
        `    base_url: ${url}`,
        `    org_id: ${fake.orgId}`,
        '    integrations:',
        `      siem: { user_id: ${users.siem}, api_key_env: AUTOMOX_SIEM_KEY, description: SIEM ingestion }`,
        `      backup: { user_id: ${users.backup}, api_key_env: AUTOMOX_BACKUP_KEY }`,
        '    invite:',
        '      admin_api_key_env: AUTOMOX_ADMIN_KEY',
        `      account_id: ${fake.accountId}`,
        `      zone_id: ${fake.zoneId}`,
        `      human_steps: { remind_every: ${humanSteps.remindEvery}, deadline: ${humanSteps.deadline} }`,
      ],
      consoleUrl: `${url}${consolePath}`,
      env: {
        AUTOMOX_SIEM_KEY: fake.issueKey(users.siem, 'bootstrap-siem'),
        AUTOMOX_BACKUP_KEY: fake.issueKey(users.backup, 'bootstrap-backup'),
        AUTOMOX_ADMIN_KEY: fake.issueKey(admin.id, 'keywarden-admin'),
      },
      stop: () => fake.stop(),
    };
  },
};
