/** In Socket Mode a mistyped app-level token fails the doctor's Slack checks (so start-up stops before Temporal). */
import { appTokenCheck } from '../../server/doctor/app-token-check';
import { FakeSlack } from '../support/fake-slack';

let slack: FakeSlack;
let apiUrl: string;
beforeAll(async () => {
  slack = new FakeSlack('xoxb-bot');
  apiUrl = await slack.start();
});
afterAll(() => slack.stop());

test('HTTP mode has no app token to check', async () => {
  expect(await appTokenCheck({ botToken: 'xoxb-bot', port: 0, apiUrl })).toBeUndefined();
});

test('an app token Slack refuses is a failure with the fix, not a transient outage', async () => {
  const check = await appTokenCheck({ botToken: 'xoxb-bot', appToken: 'xapp-1-mistyped', port: 0, apiUrl });
  expect(check).toMatchObject({ ok: false, detail: 'Slack answered invalid_auth' });
  expect(check?.fix).toContain('App-Level Tokens');
  expect(check?.transient).toBeUndefined();
  expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
});

test('an unreachable Slack is transient: start-up warns and goes on', async () => {
  const check = await appTokenCheck({
    botToken: 'xoxb-bot',
    appToken: 'xapp-1-x',
    port: 0,
    apiUrl: 'http://127.0.0.1:9/api/',
  });
  expect(check).toMatchObject({ ok: false, transient: true });
});
