/**
 * The Gotransverse fake in a test stack: the API and the console on separate hosts, as in a real tenant, serving
 * only the probe paths the entry configures (Dunning's documented default among them).
 */
import { humanStepsEntry, type FakeKit } from '../../fake-kit/kit';
import { FakeGotransverse, TEST_PROBE_PATHS } from './server';
import { serveGotransverseConsole } from './console';

/** The sets the stack allows besides Dunning. */
const PROBED = ['billing', 'currex', 'tax-essentials', 'usage-processing'] as const;

export const gotransverseKit: FakeKit<FakeGotransverse> = {
  key: 'gotransverse',
  async start() {
    const paths = Object.fromEntries(PROBED.map((slug) => [slug, TEST_PROBE_PATHS[slug]]));
    const fake = new FakeGotransverse({ probePaths: { ...paths, dunning: TEST_PROBE_PATHS.dunning } });
    const api = await fake.start();
    const ui = await fake.startConsole();
    const consolePath = serveGotransverseConsole(fake);
    return {
      fake,
      details: undefined,
      entry: (options) => [
        `    api_base_url: ${api}`,
        `    ui_url: ${ui}`,
        '    allowed_apisets: [Billing, Dunning, Currex, Tax Essentials, Usage Processing]',
        `    probe_paths: { ${PROBED.map((slug) => `${slug}: '${TEST_PROBE_PATHS[slug]}'`).join(', ')} }`,
        ...humanStepsEntry(options),
      ],
      consoleUrl: new URL(consolePath, ui).toString(),
      env: {},
      stop: () => fake.stop(),
    };
  },
};
