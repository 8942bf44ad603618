/**
 * Every seed vendor's fake on loopback, started from its kit (`vendors/all.ts`), with what the sandbox's journeys
 * need besides: a Gotransverse integration user that may generate keys. Each fake serves its web console.
 */
import { VENDORS } from '../vendors/all';
import type { FakeAutomox } from '../vendors/automox/fake/server';
import type { FakeKit, KitEntryOptions, StartedFake } from '../vendors/fake-kit/kit';
import { MANAGE_USER_API_KEY, type FakeGotransverse } from '../vendors/gotransverse/fake/server';
import type { FakeNCentral } from '../vendors/n-central/fake/server';
import type { FakeVectraFusion } from '../vendors/vectra-fusion/fake/server';

/** The Gotransverse user that owns the keys the operator generates (it holds the Manage User API Key authority). */
export const GOTRANSVERSE_INTEGRATION_USER = 'integration';

export interface SandboxFake {
  /** The vendor's key in the sandbox's `keywarden.yaml` (what `/keys request <key>` names). */
  key: string;
  type: string;
  consoleUrl: string;
  started: StartedFake<unknown, unknown>;
}

export interface SandboxFakes {
  all: SandboxFake[];
  vectra: FakeVectraFusion;
  automox: FakeAutomox;
  ncentral: FakeNCentral;
  gotransverse: FakeGotransverse;
  /** The `vendors:` lines of `keywarden.yaml`, every vendor pointed at its fake; the rate limit if given. */
  yaml(options: KitEntryOptions, ratePerSecond?: number): string[];
  /** The variables the entries name (admin keys the fakes issued). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function fakeFor<F>(all: SandboxFake[], type: string): F {
  const found = all.find((fake) => fake.type === type);
  if (!found) throw new Error(`no fake for ${type}`);
  return found.started.fake as F;
}

export async function startFakes(): Promise<SandboxFakes> {
  const all = await Promise.all(
    VENDORS.map(async (vendor): Promise<SandboxFake> => {
      const kit: FakeKit<unknown, unknown> = await vendor.fake();
      const started = await kit.start();
      return { key: kit.key, type: vendor.type, consoleUrl: started.consoleUrl, started };
    }),
  );
  const gotransverse = fakeFor<FakeGotransverse>(all, 'gotransverse');
  gotransverse.createUser(GOTRANSVERSE_INTEGRATION_USER, { authorities: [MANAGE_USER_API_KEY] });
  return {
    all,
    vectra: fakeFor(all, 'vectra-fusion'),
    automox: fakeFor(all, 'automox'),
    ncentral: fakeFor(all, 'n-central'),
    gotransverse,
    yaml: (options, rate) =>
      all.flatMap(({ key, type, started }) => [
        `  ${key}:`,
        `    type: ${type}`,
        ...(rate ? [`    rate_limit_per_second: ${rate}`] : []),
        ...started.entry(options),
      ]),
    env: Object.assign({}, ...all.map(({ started }) => started.env)) as Record<string, string>,
    stop: () => Promise.all(all.map(({ started }) => started.stop())).then(() => undefined),
  };
}
