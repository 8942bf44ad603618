/**
 * The fake Gotransverse's web console, on the console host (`ui_url`): the signed-in user's *API Keys* section —
 * generate a key limited to the ticked API sets (shown once), and delete keys. Who is signed in is chosen on the
 * form, since the sandbox has no passwords; the fake's rules (the Manage User API Key authority, account state) hold.
 */
import {
  attempt,
  checkbox,
  form,
  formFields,
  html,
  page,
  redirect,
  secretPage,
  select,
  textInput,
  type Html,
} from '../../fake-kit/console';
import { API_SETS, type ApiSetSlug } from '../apisets';
import type { FakeGotransverse, FakeKeyView } from './server';

const VENDOR = 'Gotransverse';
const HOME = '/';

function keyRow(key: FakeKeyView): Html {
  const sets = key.apisets.map((slug) => API_SETS.find((set) => set.slug === slug)?.name ?? slug).join(', ');
  const remove = form('/keys/delete', html`<input type="hidden" name="name" value="${key.name}" />`, 'Delete');
  return html`<tr>
    <td>${key.name}</td>
    <td>${key.description}</td>
    <td>${key.owner}</td>
    <td>${sets}</td>
    <td>${remove}</td>
  </tr>`;
}

function keysPage(fake: FakeGotransverse) {
  const sets = API_SETS.map((set) => checkbox(`apiset-${set.slug}`, set.name));
  const generate = form(
    '/keys',
    html`${select('username', 'Signed in as', fake.usernames())}${textInput('name', 'Name')}${textInput(
        'description',
        'Description',
      )}
      <p>Selected API: ${sets}</p>`,
    'Finish',
  );
  const body = html`<p>Admin → Users → your username → API Keys</p>
    <table>
      <tr>
        <th>Name</th>
        <th>Description</th>
        <th>Owner</th>
        <th>API sets</th>
        <th></th>
      </tr>
      ${fake.keys().map(keyRow)}
    </table>
    <h3>Generate key</h3>
    ${generate}`;
  return page(VENDOR, 'API Keys', body);
}

/** Serves the console on the fake's console host; returns its URL path. */
export function serveGotransverseConsole(fake: FakeGotransverse): string {
  fake.console
    .on('GET', HOME, () => keysPage(fake))
    .on('POST', '/keys', (req) =>
      attempt(VENDOR, HOME, () => {
        const fields = formFields(req);
        const apisets = API_SETS.filter((set) => fields.get(`apiset-${set.slug}`) === 'on').map(
          (set): ApiSetSlug => set.slug,
        );
        const key = fake.generateKey(fields.get('username') ?? '', {
          name: fields.get('name') ?? '',
          description: fields.get('description') ?? '',
          apisets,
        });
        return secretPage(VENDOR, 'Your new API key', key, HOME);
      }),
    )
    .on('POST', '/keys/delete', (req) =>
      attempt(VENDOR, HOME, () => {
        fake.revokeKey(formFields(req).get('name') ?? '');
        return redirect(HOME);
      }),
    );
  return HOME;
}
