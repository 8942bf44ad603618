/** The Vectra Fusion fake in a test stack: an admin key's netosecret in the environment. */
import type { FakeKit } from '../../fake-kit/kit';
import { FakeVectraFusion } from './server';
import { serveVectraConsole } from './console';

export const vectraFusionKit: FakeKit<FakeVectraFusion> = {
  key: 'vectra',
  async start() {
    const fake = new FakeVectraFusion();
    const url = await fake.start();
    const consolePath = serveVectraConsole(fake);
    return {
      fake,
      details: undefined,
      entry: () => ['    admin_netosecret_env: VECTRA_ADMIN_NETOSECRET'],
      consoleUrl: `${url}${consolePath}`,
      env: { VECTRA_ADMIN_NETOSECRET: fake.issueNetosecret('keywarden-admin', 'admin') },
      stop: () => fake.stop(),
    };
  },
};
