/** Gotransverse in `keywarden.yaml`, its request fields and playbooks, and how API set lists are read. */
import { API_SET_SLUGS, parseApiSets } from '../../vendors/gotransverse/apisets';
import { gotransverseFileSchema, resolveGotransverse } from '../../vendors/gotransverse/config';
import { gotransverseDefinition } from '../../vendors/gotransverse/definition';
import { DOCUMENTED_PROBE_PATHS, grantTargets, targetsFor } from '../../vendors/gotransverse/probes';
import { TEST_PROBE_PATHS } from '../../vendors/gotransverse/fake/server';

/** Only Dunning has a documented probe path, so an entry allowing just Dunning needs no probe_paths. */
const minimal = {
  type: 'gotransverse',
  api_base_url: 'https://eu2-api.tractbilling.com/',
  ui_url: 'https://acme.gotransverse.com/',
  allowed_apisets: ['Dunning'],
  human_steps: { operator: { users: ['U012ABCDEF'] } },
};

const noSecrets = () => undefined;

function issues(entry: unknown): string[] {
  const result = gotransverseFileSchema.safeParse(entry);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

test('a minimal entry resolves with the API host, the console, the documented probe path and defaults', () => {
  const entry = gotransverseFileSchema.parse(minimal);
  expect(resolveGotransverse(entry, noSecrets)).toEqual({
    type: 'gotransverse',
    displayName: 'Gotransverse',
    apiBaseUrl: 'https://eu2-api.tractbilling.com',
    uiUrl: 'https://acme.gotransverse.com',
    probePaths: { dunning: '/dunning/2/test-connection' },
    roles: ['read-only'],
    fieldLimits: { apisets: ['dunning'] },
    humanSteps: {
      operators: { users: ['U012ABCDEF'], groups: [] },
      remindEveryMs: 86_400_000,
      deadlineMs: 259_200_000,
    },
  });
});

test('allowed_apisets accepts names or slugs, is kept in UI order, and each set takes its configured path', () => {
  const entry = gotransverseFileSchema.parse({
    ...minimal,
    allowed_apisets: ['Dunning', 'billing'],
    probe_paths: { billing: '/billing/2/products?page_size=1', 'tax-essentials': '/tax/2/x' },
  });
  expect(resolveGotransverse(entry, noSecrets)).toMatchObject({
    fieldLimits: { apisets: ['billing', 'dunning'] },
    // A set outside allowed_apisets keeps its configured path: grant checks probe it to prove the key lacks it.
    probePaths: {
      billing: '/billing/2/products?page_size=1',
      dunning: '/dunning/2/test-connection',
      'tax-essentials': '/tax/2/x',
    },
  });
});

test('an allowed set without a probe path is refused, naming the set and the key to add', () => {
  const entry = gotransverseFileSchema.parse({ ...minimal, allowed_apisets: ['Billing', 'Dunning', 'Currex'] });
  expect(resolveGotransverse(entry, noSecrets)).toEqual([
    expect.stringMatching(
      /^probe_paths\.billing: Billing is allowed but has no probe path.*add probe_paths\.billing: /,
    ),
    expect.stringMatching(
      /^probe_paths\.currex: Currex is allowed but has no probe path.*take Currex out of allowed_apisets$/,
    ),
  ]);
  // Leaving allowed_apisets out allows all nine sets, so the eight without a documented path are each named.
  const everything = gotransverseFileSchema.parse({ ...minimal, allowed_apisets: undefined });
  expect(resolveGotransverse(everything, noSecrets)).toHaveLength(8);
  const configured = gotransverseFileSchema.parse({
    ...minimal,
    allowed_apisets: undefined,
    probe_paths: TEST_PROBE_PATHS,
  });
  expect(resolveGotransverse(configured, noSecrets)).toMatchObject({ fieldLimits: { apisets: API_SET_SLUGS } });
});

test('the old base_url is refused with what to set instead', () => {
  expect(issues({ ...minimal, base_url: 'https://acme.gotransverse.com' })).toEqual([
    expect.stringMatching(
      /^base_url: base_url was split in two: set api_base_url to the Gotransverse API host .* and ui_url to the console/,
    ),
  ]);
});

test('every problem is reported, with what is allowed', () => {
  expect(
    issues({
      type: 'gotransverse',
      api_base_url: 'not a url',
      allowed_apisets: ['Billing', 'Invoicing'],
      probe_paths: { invoicing: '/x', billing: 'billing/2/products' },
    }),
  ).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^api_base_url: /),
      expect.stringMatching(/^ui_url: /),
      expect.stringMatching(/^allowed_apisets: "Invoicing" is not a Gotransverse API set; choose from Billing/),
      expect.stringMatching(/^probe_paths\.billing: must be a path on the API host starting with \//),
      expect.stringMatching(/^human_steps: /),
    ]),
  );
  expect(issues({ ...minimal, probe_paths: { invoicing: '/x' } })).toEqual([
    expect.stringMatching(/^probe_paths\.invoicing: not an API set slug; use one of billing, dunning/),
  ]);
});

describe('probe targets', () => {
  test("a grant asks the requested sets first, then every other set with a path; the documented path is Dunning's", () => {
    expect(DOCUMENTED_PROBE_PATHS).toEqual({ dunning: '/dunning/2/test-connection' });
    const paths = { billing: '/b', dunning: '/d', currex: '/c' };
    expect(grantTargets(['currex'], paths)).toEqual([
      { slug: 'currex', path: '/c' },
      { slug: 'billing', path: '/b' },
      { slug: 'dunning', path: '/d' },
    ]);
  });

  test('a set without a path cannot be asked: needs_admin, naming the setting', () => {
    expect(() => targetsFor(['billing', 'currex'], { billing: '/b' })).toThrow(
      expect.objectContaining({ code: 'needs_admin', message: expect.stringContaining('add probe_paths.currex') }),
    );
  });
});

describe('parseApiSets', () => {
  test('returns slugs in UI order, ignoring empty items', () => {
    expect(parseApiSets('Usage Processing, stored-value-service,,Billing,')).toEqual({
      ok: true,
      slugs: ['billing', 'stored-value-service', 'usage-processing'],
    });
  });

  test('reports unknown, unoffered and repeated sets together', () => {
    expect(parseApiSets('Billing,Foo,Bar,Currex,BILLING', ['billing', 'dunning'])).toEqual({
      ok: false,
      problems: [
        '"Foo", "Bar" are not Gotransverse API sets; choose from Billing, Dunning (names or slugs such as revenue-management, any case)',
        'Currex is not offered here; choose from Billing, Dunning (names or slugs such as revenue-management, any case)',
        'Billing is listed more than once',
      ],
    });
  });
});

describe('the definition', () => {
  const problems = (apisets?: string) =>
    gotransverseDefinition.validateFields(apisets === undefined ? {} : { apisets });

  test('requires apisets and lists what may be chosen', () => {
    for (const missing of [undefined, '', ' , ']) {
      expect(problems(missing)).toEqual([
        { field: 'apisets', message: expect.stringContaining('name at least one API set') },
      ]);
    }
    expect(problems()[0]!.message).toContain('Billing, Dunning, Revenue Management, Configure Price Quote, Currex');
  });

  test('rejects unknown and repeated sets, listing the allowed ones', () => {
    expect(problems('Billing,Invoicing')).toEqual([
      {
        field: 'apisets',
        message: expect.stringMatching(/^"Invoicing" is not a Gotransverse API set; choose from Billing, /),
      },
    ]);
    expect(problems('Billing,billing')).toEqual([{ field: 'apisets', message: 'Billing is listed more than once' }]);
  });

  test('accepts names and slugs in any case', () => {
    expect(problems('BILLING,revenue management,Tax-Essentials,configure-price-quote')).toEqual([]);
  });

  test('provisions by an operator task verified by API, and revokes the same way', () => {
    expect(gotransverseDefinition.playbooks({ apisets: 'Billing' })).toEqual({
      provision: [
        expect.objectContaining({ kind: 'task', task: 'generateKey', assignee: 'operator', returnsSecret: true }),
        expect.objectContaining({ kind: 'verify', check: 'keyHasApisets', retryTask: true }),
      ],
      revoke: [
        expect.objectContaining({ kind: 'task', task: 'deleteKey', assignee: 'operator', returnsSecret: false }),
        expect.objectContaining({ kind: 'verify', check: 'keyRefused', retryTask: true }),
      ],
    });
    expect(gotransverseDefinition.fields).toEqual({
      apisets: { description: 'comma-separated API sets, e.g. Billing,Dunning' },
    });
  });
});
