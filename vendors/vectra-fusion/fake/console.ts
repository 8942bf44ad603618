/**
 * The fake Vectra Fusion's web console (`/console`): Settings > API Keys, listing every key with its role and
 * description, never its secret. Keywarden makes and deletes keys by API; a person may delete one here, as in the
 * real console, to see Keywarden notice that a delivered key vanished.
 */
import { attempt, form, html, page, redirect, type Html } from '../../fake-kit/console';
import type { FakeVectraFusion } from './server';

const VENDOR = 'Vectra Fusion';
const HOME = '/console';

function keyRow(key: ReturnType<FakeVectraFusion['listKeys']>[number]): Html {
  const remove = form(`${HOME}/api-keys/${encodeURIComponent(key.appname)}/delete`, html``, 'Delete');
  return html`<tr>
    <td>${key.appname}</td>
    <td>${key.roles.join(', ')}</td>
    <td>${key.description}</td>
    <td>${remove}</td>
  </tr>`;
}

/** Serves the console on the fake's own HTTP server; returns its URL path. */
export function serveVectraConsole(fake: FakeVectraFusion): string {
  fake.http
    .on('GET', HOME, () =>
      page(
        VENDOR,
        'Settings > API Keys',
        html`<table>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Description</th>
            <th></th>
          </tr>
          ${fake.listKeys().map(keyRow)}
        </table>`,
      ),
    )
    .on('POST', `${HOME}/api-keys/:appname/delete`, (req) =>
      attempt(VENDOR, HOME, () => {
        fake.removeKey(req.params.appname ?? '');
        return redirect(HOME);
      }),
    );
  return HOME;
}
