/**
 * The fakes' web consoles over real HTTP: their forms change the fake as the vendor's console would, what a
 * person typed comes back escaped (no markup injection), and a refused form says why with a 400.
 */
import { ConsoleBrowser } from '../../sandbox/script/browser';
import { automoxKit } from '../../vendors/automox/fake/kit';
import { escapeHtml, html } from '../../vendors/fake-kit/console';
import { nCentralKit } from '../../vendors/n-central/fake/kit';

test('values are escaped wherever they are interpolated', () => {
  expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
    '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
  const nested = html`<b>${'<i>'}</b>`;
  expect(html`<p>${nested}${'"'}</p>`.html).toBe('<p><b>&lt;i&gt;</b>&quot;</p>');
});

test('N-central: a user created in the console signs in with the token it shows once; markup typed stays text', async () => {
  const started = await nCentralKit.start();
  const browser = new ConsoleBrowser(started.consoleUrl);
  const hostile = '<script>alert(1)</script>';
  await expect(browser.submit('/console/users', { userName: hostile })).resolves.toMatchObject({ status: 200 });
  const page = await browser.open();
  expect(page.html).not.toContain(hostile);
  expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

  await browser.submit('/console/users', { userName: 'keywarden-abc', apiOnlyUser: 'on' });
  const token = (await browser.submit('/console/users/keywarden-abc/jwt', {})).secret ?? '';
  const signIn = await fetch(`${new URL(started.consoleUrl).origin}/api/auth/authenticate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(signIn.status).toBe(200);
  await expect(browser.submit('/console/users', { userName: 'keywarden-abc' })).rejects.toThrow(
    /the console refused the form \/console\/users: login name keywarden-abc is already taken/,
  );
  await started.stop();
});

test('Automox: an invitation is accepted and a key added with a name and expiry day, as its owner', async () => {
  const started = await automoxKit.start();
  const browser = new ConsoleBrowser(started.consoleUrl);
  await expect(
    browser.submit('/console/keys', { email: 'nobody@acme.test', name: 'k', expires: '2030-01-01' }),
  ).rejects.toThrow(/sign in as an active user first/);
  const added = await browser.submit('/console/keys', {
    email: 'keywarden-siem@acme.test',
    name: 'my-key',
    expires: '2030-01-01',
  });
  expect(added.secret).toBeDefined();
  const listed = started.fake.keysOf(started.details.users.siem).find((key) => key.name === 'my-key');
  expect(listed?.expires_at).toBe('2030-01-01T23:59:59+0000');
  await started.stop();
});
