/**
 * The Gotransverse doctor against the fake: a good connection passes every line; each broken variant fails its
 * own line with the fix, and the doctor only ever reads (GET, without a key).
 */
import type { DoctorCheck } from '../../vendors/doctor-kit';
import { API_SET_SLUGS } from '../../vendors/gotransverse/apisets';
import type { GotransverseConnection } from '../../vendors/gotransverse/config';
import { diagnoseGotransverse } from '../../vendors/gotransverse/doctor';
import { FakeGotransverse, TEST_PROBE_PATHS } from '../../vendors/gotransverse/fake/server';

const PATHS = { billing: TEST_PROBE_PATHS.billing, dunning: TEST_PROBE_PATHS.dunning };
/** Nothing listens on port 1 of loopback: a host that does not answer. */
const DEAD_HOST = 'http://127.0.0.1:1';

let fake: FakeGotransverse;
let api: string;
let ui: string;

beforeAll(async () => {
  fake = new FakeGotransverse({ probePaths: PATHS });
  api = await fake.start();
  ui = await fake.startConsole();
});
afterAll(() => fake.stop());

function connection(change: Partial<GotransverseConnection> = {}): GotransverseConnection {
  return {
    type: 'gotransverse',
    displayName: 'Gotransverse',
    apiBaseUrl: api,
    uiUrl: ui,
    probePaths: PATHS,
    roles: ['read-only'],
    fieldLimits: { apisets: API_SET_SLUGS },
    humanSteps: { operators: { users: ['U012ABCDEF'], groups: [] }, remindEveryMs: 1, deadlineMs: 1 },
    ...change,
  };
}

const line = (checks: DoctorCheck[], what: RegExp) => checks.find((c) => what.test(c.what));

afterEach(() => {
  // The doctor reads only: every call it made, to the API host and to the console, was a GET.
  const calls = [...fake.http.calls, ...fake.console.calls];
  expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
});

test('a good connection passes every check: the console, the API host, and each probe path', async () => {
  const before = fake.http.calls.length;
  const checks = await diagnoseGotransverse(connection());
  expect(checks).toEqual([
    { what: 'ui_url is the console operators sign in to', ok: true, detail: `${ui} serves a web page` },
    {
      what: 'the API host answers like the Gotransverse API',
      ok: true,
      detail: `${api} answers as an API (no web page) on 2 probe path(s)`,
    },
    {
      what: `the Billing probe path ${PATHS.billing} exists`,
      ok: true,
      detail: 'without a key it answers 401 "Authorization header not found", as documented',
    },
    expect.objectContaining({ what: `the Dunning probe path ${PATHS.dunning} exists`, ok: true }),
  ]);
  // Checked without a key: the documented 401, never a key in a request.
  expect(fake.http.calls.slice(before)).toEqual([
    { method: 'GET', path: PATHS.billing, status: 401 },
    { method: 'GET', path: PATHS.dunning, status: 401 },
  ]);
});

describe.each([
  [
    'a probe path that 404s',
    () => connection({ probePaths: { ...PATHS, currex: '/currex/2/test-connection' } }),
    /Currex probe path/,
    /answers 404: there is no such path/,
    /set probe_paths\.currex to a read-only GET in Currex .*allowed_apisets/,
  ],
  [
    'the console given as the API host',
    () => connection({ apiBaseUrl: ui }),
    /API host answers like/,
    /answered with a web page or a redirect/,
    /set api_base_url to the Gotransverse API host/,
  ],
  [
    'an API host that does not answer',
    () => connection({ apiBaseUrl: DEAD_HOST }),
    /API host answers like/,
    /could not be reached/,
    /run the doctor again later/,
  ],
  [
    'the API host given as ui_url',
    () => connection({ uiUrl: api }),
    /ui_url/,
    /answered 404 without a web page, like an API/,
    /set ui_url to the Gotransverse console/,
  ],
] as const)('%s', (_label, make, what, detail, fix) => {
  test('fails its check with what was found and the fix, and nothing else passes for it', async () => {
    const checks = await diagnoseGotransverse(make());
    const failed = checks.filter((c) => !c.ok);
    expect(line(checks, what)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(detail),
      fix: expect.stringMatching(fix),
    });
    // A wrong host makes every probe-path line "not checked" rather than passed or blamed on the path.
    if (/API host/.test(what.source)) {
      expect(failed.filter((c) => /probe path/.test(c.what)).map((c) => c.detail)).toEqual([
        'not checked: the API host check failed',
        'not checked: the API host check failed',
      ]);
    } else {
      expect(failed).toHaveLength(1);
    }
  });
});

test('an unreachable host is reported as transient, so start-up warns instead of stopping', async () => {
  const checks = await diagnoseGotransverse(connection({ apiBaseUrl: DEAD_HOST }));
  expect(line(checks, /API host/)).toMatchObject({ ok: false, transient: true });
});
