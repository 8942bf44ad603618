/** The N-central fake in a test stack: a verifier user that may list users, and its JWT in the environment. */
import { humanStepsEntry, type FakeKit } from '../../fake-kit/kit';
import { FakeNCentral } from './server';
import { serveNCentralConsole } from './console';

const ORG_UNIT = 50;

export const nCentralKit: FakeKit<FakeNCentral> = {
  key: 'ncentral',
  async start() {
    const fake = new FakeNCentral();
    const url = await fake.start();
    const consolePath = serveNCentralConsole(fake);
    fake.createUser({ userName: 'keywarden-verifier', canListUsers: true });
    return {
      fake,
      details: undefined,
      entry: (options) => [
        `    base_url: ${url}`,
        `    org_unit_id: ${ORG_UNIT}`,
        '    verifier_jwt_env: NCENTRAL_VERIFIER_JWT',
        // Seconds, not the default 10 minutes, so a story can wait out a revocation the fake applies late.
        '    revocation_propagation: 30s',
        ...humanStepsEntry(options),
      ],
      consoleUrl: `${url}${consolePath}`,
      env: { NCENTRAL_VERIFIER_JWT: fake.generateJwt('keywarden-verifier') },
      stop: () => fake.stop(),
    };
  },
};
