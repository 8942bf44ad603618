/** Gotransverse in `keywarden.yaml`, its request fields and playbooks, and how API set lists are read. */
import { API_SET_SLUGS, parseApiSets } from '../../vendors/gotransverse/apisets';
import { gotransverseFileSchema, resolveGotransverse } from '../../vendors/gotransverse/config';
import { gotransverseDefinition } from '../../vendors/gotransverse/definition';

const minimal = {
  type: 'gotransverse',
  base_url: 'https://acme.gotransverse.com/',
  human_steps: { operator: { users: ['U012ABCDEF'] } },
};

const noSecrets = () => undefined;

test('a minimal entry resolves with every API set, the default role and human-step timings', () => {
  const entry = gotransverseFileSchema.parse(minimal);
  expect(resolveGotransverse(entry, noSecrets)).toEqual({
    type: 'gotransverse',
    displayName: 'Gotransverse',
    baseUrl: 'https://acme.gotransverse.com',
    roles: ['read-only'],
    fieldLimits: { apisets: API_SET_SLUGS },
    humanSteps: {
      operators: { users: ['U012ABCDEF'], groups: [] },
      remindEveryMs: 86_400_000,
      deadlineMs: 259_200_000,
    },
  });
});

test('allowed_apisets accepts names or slugs and is kept in UI order', () => {
  const entry = gotransverseFileSchema.parse({ ...minimal, allowed_apisets: ['Dunning', 'billing'] });
  expect(resolveGotransverse(entry, noSecrets)).toMatchObject({ fieldLimits: { apisets: ['billing', 'dunning'] } });
});

test('every problem is reported, with what is allowed', () => {
  const result = gotransverseFileSchema.safeParse({
    type: 'gotransverse',
    base_url: 'not a url',
    allowed_apisets: ['Billing', 'Invoicing'],
  });
  expect(result.success).toBe(false);
  const messages = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^base_url: /),
      expect.stringMatching(/^allowed_apisets: "Invoicing" is not a Gotransverse API set; choose from Billing/),
      expect.stringMatching(/^human_steps: /),
    ]),
  );
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
