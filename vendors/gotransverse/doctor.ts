/**
 * `keywarden doctor` for Gotransverse. Keywarden holds no Gotransverse key (people generate keys in the UI), so
 * every check is a GET without a key: Gotransverse documents 401 "Authorization header not found" for that, which
 * shows a path exists behind API-key authentication; a 404 shows it does not; a web page shows a console host.
 * Nothing is created, changed or deleted, and no secret exists here to leak.
 */
import type { Dispatcher } from 'undici';
import { DoctorFailure, runCheck, skipped, type DoctorCheck } from '../doctor-kit';
import { apiSet, inUiOrder, type ApiSetSlug } from './apisets';
import { GotransverseClient, type KeylessAnswer } from './client';
import type { GotransverseConnection } from './config';
import { exchange, htmlPage } from './exchange';
import { probeSetting, type ProbeTarget } from './probes';

const HOST_FIX =
  'set api_base_url to the Gotransverse API host (e.g. https://eu2-api.tractbilling.com), not the console';

/**
 * Read-only checks of one Gotransverse connection: `ui_url` is a console, the API host answers like the API, and
 * each probe path exists. Probe-path checks are reported as not checked when the host itself is wrong.
 */
export async function diagnoseGotransverse(
  connection: GotransverseConnection,
  dispatcher?: Dispatcher,
): Promise<DoctorCheck[]> {
  const client = new GotransverseClient(connection.apiBaseUrl, dispatcher);
  const targets = probeTargets(connection);
  const answers = new Map<ApiSetSlug, KeylessAnswer>();
  const ui = await checkUiUrl(connection, dispatcher);
  const host = await runCheck(
    'the API host answers like the Gotransverse API',
    { default: HOST_FIX, needs_admin: HOST_FIX },
    async () => {
      for (const target of targets) {
        const answer = await client.probeWithoutKey(target.path);
        if (answer.kind === 'console') {
          throw new DoctorFailure(
            `${connection.apiBaseUrl}${target.path} answered with a web page or a redirect`,
            HOST_FIX,
          );
        }
        answers.set(target.slug, answer);
      }
      return `${connection.apiBaseUrl} answers as an API (no web page) on ${targets.length} probe path(s)`;
    },
  );
  const paths = targets.map((target) => {
    const answer = answers.get(target.slug);
    return host.ok && answer
      ? checkProbePath(connection, target, answer)
      : skipped(pathWhat(target), 'the API host check failed');
  });
  return [ui, host, ...paths];
}

function probeTargets(connection: GotransverseConnection): ProbeTarget[] {
  const slugs = inUiOrder(Object.keys(connection.probePaths) as ApiSetSlug[]);
  return slugs.flatMap((slug) => {
    const path = connection.probePaths[slug];
    return path ? [{ slug, path }] : [];
  });
}

function pathWhat(target: ProbeTarget): string {
  return `the ${apiSet(target.slug).name} probe path ${target.path} exists`;
}

/** One line per probe path, from what it answered without a key. */
function checkProbePath(connection: GotransverseConnection, target: ProbeTarget, answer: KeylessAnswer): DoctorCheck {
  const what = pathWhat(target);
  const { name } = apiSet(target.slug);
  const url = `${connection.apiBaseUrl}${target.path}`;
  const fix =
    `set ${probeSetting(target.slug)} to a read-only GET in ${name} that asks for an API key, or take ${name} out ` +
    'of allowed_apisets if this tenant does not have it';
  switch (answer.kind) {
    case 'exists':
      return { what, ok: true, detail: `without a key it answers 401 "${answer.message}", as documented` };
    case 'missing':
      return { what, ok: false, detail: `${url} answers 404: there is no such path`, fix };
    case 'open':
      return { what, ok: false, detail: `${url} answers without a key, so it cannot tell what a key opens`, fix };
    case 'other':
      return { what, ok: false, detail: `${url} answers ${answer.status} without a key (${answer.message})`, fix };
    case 'console':
      return { what, ok: false, detail: `${url} answered with a web page`, fix: HOST_FIX };
  }
}

/**
 * `ui_url` is only shown to operators, but a wrong one sends them nowhere: it must answer, and with a page rather
 * than the API's JSON. The console and the API may share a host (the vendor's payments.js example does), so the
 * same host is reported, not refused.
 */
function checkUiUrl(connection: GotransverseConnection, dispatcher?: Dispatcher): Promise<DoctorCheck> {
  const fix = 'set ui_url to the Gotransverse console operators sign in to, e.g. https://acme.gotransverse.com';
  return runCheck('ui_url is the console operators sign in to', { default: fix }, async () => {
    const answer = await exchange(
      { baseUrl: connection.uiUrl, dispatcher, timeoutMs: 10_000 },
      { method: 'GET', path: '' },
    );
    const status = answer.ok ? 200 : (answer.error.details.status ?? 0);
    if (!htmlPage(answer.body) && !(status >= 300 && status < 400)) {
      throw new DoctorFailure(`${connection.uiUrl} answered ${status} without a web page, like an API`, fix);
    }
    const shared = new URL(connection.uiUrl).host === new URL(connection.apiBaseUrl).host;
    return `${connection.uiUrl} serves a web page${shared ? ' (on the same host as api_base_url)' : ''}`;
  });
}
