/**
 * The fake N-central's web console (`/console`): what the operator's task asks for, as HTML forms — create the user
 * (API-only, two-factor), generate its JSON web token (shown once), turn two-factor off, disable the user.
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
  textInput,
  type Html,
} from '../../fake-kit/console';
import type { FakeNCentral } from './server';

const VENDOR = 'N-able N-central';
const HOME = '/console';

function userRow(user: ReturnType<FakeNCentral['users']>[number]): Html {
  const base = `${HOME}/users/${encodeURIComponent(user.userName)}`;
  const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
  const twoFactor = form(
    `${base}/two-factor`,
    checkbox('enabled', 'two-factor authentication', user.twoFactorEnabled),
    'Save two-factor',
  );
  const actions = user.isEnabled
    ? [form(`${base}/jwt`, html``, 'Generate JSON Web Token'), twoFactor, form(`${base}/disable`, html``, 'Disable')]
    : [];
  return html`<tr>
    <td>${user.userName}</td>
    <td>${user.userId}</td>
    <td>${yesNo(user.isEnabled)}</td>
    <td>${yesNo(user.apiOnlyUser)}</td>
    <td>${yesNo(user.twoFactorEnabled)}</td>
    <td>${actions}</td>
  </tr>`;
}

function usersPage(fake: FakeNCentral) {
  const rows = fake.users().map(userRow);
  const create = form(
    `${HOME}/users`,
    html`${textInput('userName', 'Login name')}${textInput('firstName', 'First name', 'API')}${checkbox(
      'apiOnlyUser',
      'API-only user',
    )}${checkbox('twoFactorEnabled', 'Two-factor authentication')}`,
    'Create User',
  );
  const body = html`<p>Administration → User Management → Users (org unit ${fake.orgUnitId})</p>
    <table>
      <tr>
        <th>Login name</th>
        <th>User id</th>
        <th>Enabled</th>
        <th>API-only</th>
        <th>Two-factor</th>
        <th></th>
      </tr>
      ${rows}
    </table>
    <h3>Create User</h3>
    ${create}`;
  return page(VENDOR, 'Users', body);
}

/** Serves the console on the fake's own HTTP server; returns its URL path. */
export function serveNCentralConsole(fake: FakeNCentral): string {
  const userName = (params: Record<string, string>) => params.userName ?? '';
  fake.http
    .on('GET', HOME, () => usersPage(fake))
    .on('POST', `${HOME}/users`, (req) =>
      attempt(VENDOR, HOME, () => {
        const fields = formFields(req);
        const name = fields.get('userName')?.trim() ?? '';
        if (!name) throw new Error('Login name is required');
        fake.createUser({
          userName: name,
          apiOnlyUser: fields.get('apiOnlyUser') === 'on',
          twoFactorEnabled: fields.get('twoFactorEnabled') === 'on',
        });
        return redirect(HOME);
      }),
    )
    .on('POST', `${HOME}/users/:userName/jwt`, (req) =>
      attempt(VENDOR, HOME, () =>
        secretPage(VENDOR, `JSON Web Token for ${userName(req.params)}`, fake.generateJwt(userName(req.params)), HOME),
      ),
    )
    .on('POST', `${HOME}/users/:userName/two-factor`, (req) =>
      attempt(VENDOR, HOME, () => {
        fake.setTwoFactor(userName(req.params), formFields(req).get('enabled') === 'on');
        return redirect(HOME);
      }),
    )
    .on('POST', `${HOME}/users/:userName/disable`, (req) =>
      attempt(VENDOR, HOME, () => {
        fake.disableUser(userName(req.params));
        return redirect(HOME);
      }),
    );
  return HOME;
}
