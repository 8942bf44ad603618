/** The Vectra Fusion fake in a test stack: an admin key's netosecret in the environment. */
import type { FakeKit } from '../../fake-kit/kit';
import { FakeVectraFusion } from './server';

export const vectraFusionKit: FakeKit<FakeVectraFusion> = {
  key: 'vectra',
  async start() {
    const fake = new FakeVectraFusion();
    await fake.start();
    return {
      fake,
      details: undefined,
      entry: () => ['    admin_netosecret_env: VECTRA_ADMIN_NETOSECRET'],
      env: { VECTRA_ADMIN_NETOSECRET: fake.issueNetosecret('keywarden-admin', 'admin') },
      stop: () => fake.stop(),
    };
  },
};
