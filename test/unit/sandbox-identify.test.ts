/**
 * Who the sandbox user is, found the way a real user can set it up: the bot's only channel is the approval
 * channel, and the only person in it besides the bot is the user. Slack is played over real HTTP by a small fake
 * answering the three directory calls (the shared fake Slack does not keep a directory).
 */
import { WebClient } from '@slack/web-api';
import { FakeHttpServer, type FakeRequest } from '../../vendors/fake-kit/server';
import { parseSandboxFlags } from '../../sandbox/flags';
import { identify } from '../../sandbox/identify';

interface Directory {
  channels: Array<{ id: string; name: string }>;
  members: string[];
  bots: string[];
}

function formOf(req: FakeRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody);
}

async function fakeSlack(directory: Directory): Promise<{ client: WebClient; stop(): Promise<void> }> {
  const server = new FakeHttpServer(() => ({ status: 200, body: { ok: false, error: 'unknown_method' } }));
  const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ok: true, ...body } });
  server
    .on('POST', '/api/auth.test', () => ok({ team: 'Acme', user_id: 'UBOT' }))
    .on('POST', '/api/users.conversations', () => ok({ channels: directory.channels }))
    .on('POST', '/api/conversations.members', () => ok({ members: directory.members }))
    .on('POST', '/api/users.info', (req) => {
      const id = formOf(req).get('user') ?? '';
      return ok({ user: { id, is_bot: directory.bots.includes(id), deleted: false } });
    });
  const url = await server.start();
  const client = new WebClient('xoxb-test', { slackApiUrl: `${url}/api/`, retryConfig: { retries: 0 } });
  return { client, stop: () => server.stop() };
}

test('the bot’s only channel and the only person in it besides the bot', async () => {
  const slack = await fakeSlack({
    channels: [{ id: 'C0SANDBOX', name: 'keywarden-sandbox' }],
    members: ['UBOT', 'U0RILEY'],
    bots: ['UBOT'],
  });
  await expect(identify(slack.client, {}, undefined)).resolves.toEqual({
    user: 'U0RILEY',
    channel: 'C0SANDBOX',
    team: 'Acme',
  });
  await slack.stop();
});

test('a bot in no channel, or in several, is told what to do; several people and no terminal ask for --user', async () => {
  const none = await fakeSlack({ channels: [], members: [], bots: [] });
  expect(await identify(none.client, {}, undefined)).toEqual([expect.stringContaining('/invite @Keywarden')]);
  await none.stop();
  const several = await fakeSlack({
    channels: [
      { id: 'C0ONE', name: 'one' },
      { id: 'C0TWO', name: 'two' },
    ],
    members: ['UBOT', 'U0RILEY', 'U0AVERY'],
    bots: ['UBOT'],
  });
  expect(await identify(several.client, {}, undefined)).toEqual([
    expect.stringMatching(/several channels \(#one \(C0ONE\), #two \(C0TWO\)\): pass .* --channel/),
  ]);
  expect(await identify(several.client, { channel: 'C0ONE' }, undefined)).toEqual([
    expect.stringContaining('--user U… (Slack: your profile → ⋮ → Copy member ID)'),
  ]);
  // At a terminal, an almost-right answer is refused with the reason and asked again.
  const answers = ['u0riley', 'U0RILEY'];
  const asked: string[] = [];
  const ask = (question: string) => (asked.push(question), Promise.resolve(answers.shift() ?? ''));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const found = await identify(several.client, { channel: 'C0ONE' }, ask);
  expect(found).toMatchObject({ user: 'U0RILEY', channel: 'C0ONE' });
  expect(asked).toHaveLength(2);
  expect(String(write.mock.calls[0]?.[0])).toContain('"u0riley" has "u", a lowercase letter at character 1');
  write.mockRestore();
  await several.stop();
});

test('the sandbox’s flags: IDs that are almost right are refused with the reason, unknown flags with the usage', () => {
  expect(parseSandboxFlags(['--no-slack'])).toEqual({ noSlack: true, dir: '.keywarden/sandbox' });
  expect(parseSandboxFlags(['--user', 'U0RILEY', '--channel', 'C0SANDBOX', '--dir', '/tmp/x'])).toEqual({
    noSlack: false,
    user: 'U0RILEY',
    channel: 'C0SANDBOX',
    dir: '/tmp/x',
  });
  expect(parseSandboxFlags(['--user', 'C0SANDBOX', '--channel', '#sandbox', '--fast'])).toEqual([
    'unknown argument "--fast"',
    expect.stringContaining('--user: "C0SANDBOX" starts with "C", which makes it a channel ID'),
    expect.stringContaining('--channel: "#sandbox" is a name, not an ID'),
    expect.stringContaining('usage: npm run sandbox'),
  ]);
});
