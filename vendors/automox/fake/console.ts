/**
 * The fake Automox's web console (`/console`): the invitation link an invited person follows, and *Settings →
 * Secrets & Keys* where a signed-in user adds a named key with an expiry date (shown once) or deletes one. Who is
 * signed in is chosen on the form, since the sandbox has no passwords; the fake's key rules still apply.
 */
import {
  attempt,
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
import { endOfUtcDay } from '../time';
import type { FakeAutomox } from './server';

const VENDOR = 'Automox';
const HOME = '/console';

type ConsoleUser = ReturnType<FakeAutomox['users']>[number];

function userRow(fake: FakeAutomox, user: ConsoleUser): Html {
  const accept = form(
    `${HOME}/invitations/accept`,
    html`<input type="hidden" name="email" value="${user.email}" />`,
    'Accept invitation',
  );
  const keys = user.status === 'active' ? fake.keysOf(user.id).map((key) => keyItem(user, key)) : [];
  return html`<tr>
    <td>${user.email}</td>
    <td>${user.role}</td>
    <td>${user.status}</td>
    <td>
      ${user.status === 'pending-invite' ? accept : html``}
      <ul>
        ${keys}
      </ul>
    </td>
  </tr>`;
}

function keyItem(user: ConsoleUser, key: ReturnType<FakeAutomox['keysOf']>[number]): Html {
  const hidden = html`<input type="hidden" name="userId" value="${user.id}" /><input
      type="hidden"
      name="keyId"
      value="${key.id}"
    />`;
  return html`<li>
    ${key.name} (expires ${key.expires_at ?? 'never'}) ${form(`${HOME}/keys/delete`, hidden, 'Delete')}
  </li>`;
}

function consolePage(fake: FakeAutomox) {
  const users = fake.users();
  const active = users.filter((user) => user.status === 'active').map((user) => user.email);
  const add = form(
    `${HOME}/keys`,
    html`${select('email', 'Signed in as', active)}${textInput('name', 'Name')}<label
        >Expires on <input type="date" name="expires"
      /></label>`,
    'Add',
  );
  const body = html`<p>Users (accept an invitation as its email link would), and Settings → Secrets &amp; Keys</p>
    <table>
      <tr>
        <th>Email</th>
        <th>Zone role</th>
        <th>Status</th>
        <th>Keys</th>
      </tr>
      ${users.map((u) => userRow(fake, u))}
    </table>
    <h3>Secrets &amp; Keys: Add</h3>
    ${add}`;
  return page(VENDOR, 'Users and keys', body);
}

function addKey(fake: FakeAutomox, fields: URLSearchParams) {
  const user = fake.users().find((u) => u.email === fields.get('email') && u.status === 'active');
  if (!user) throw new Error('sign in as an active user first (accept the invitation)');
  const day = fields.get('expires') ?? '';
  const expires = day ? endOfUtcDay(Date.parse(`${day}T00:00:00Z`)) : undefined;
  if (expires !== undefined && Number.isNaN(expires)) throw new Error(`not a date: ${day}`);
  return fake.issueKey(user.id, fields.get('name') ?? '', expires);
}

/** Serves the console on the fake's own HTTP server; returns its URL path. */
export function serveAutomoxConsole(fake: FakeAutomox): string {
  fake.http
    .on('GET', HOME, () => consolePage(fake))
    .on('POST', `${HOME}/invitations/accept`, (req) =>
      attempt(VENDOR, HOME, () => {
        fake.acceptInvitation(formFields(req).get('email') ?? '');
        return redirect(HOME);
      }),
    )
    .on('POST', `${HOME}/keys`, (req) =>
      attempt(VENDOR, HOME, () => secretPage(VENDOR, 'Your new API key', addKey(fake, formFields(req)), HOME)),
    )
    .on('POST', `${HOME}/keys/delete`, (req) =>
      attempt(VENDOR, HOME, () => {
        const fields = formFields(req);
        fake.deleteOwnKey(Number(fields.get('userId')), Number(fields.get('keyId')));
        return redirect(HOME);
      }),
    );
  return HOME;
}
