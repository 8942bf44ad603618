/**
 * `keywarden doctor` over the whole test stack: the production config loader's configuration, the fake Slack and
 * every vendor fake. A good setup passes every line, writes nothing anywhere and prints no secret; each broken
 * piece fails its own line with the fix, and only transient ones leave start-up going.
 */
import { blockingFailures, failures, renderReport, runDoctor } from '../../server/doctor/run';
import { slackWebClient } from '../../slack/client';
import { APPROVAL_CHANNEL, startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const doctor = () => runDoctor(stack.config, { slack: slackWebClient(stack.config.slack, { retries: 0 }) });

/** Calls that could change something at a vendor: anything but reads and sign-ins. */
function writes(): string[] {
  const signIn = /\/auth\/(token|authenticate)$|\/decrypt$/;
  return [stack.vectra, stack.automox, stack.ncentral, stack.gotransverse]
    .flatMap((fake) => fake.http.calls)
    .filter((call) => call.method !== 'GET' && !signIn.test(call.path))
    .map((call) => `${call.method} ${call.path}`);
}

test('a good setup passes every check, one line each, without writing anything or printing a secret', async () => {
  const before = writes().length;
  const slackWritesBefore = stack.slack.calls.filter((c) => c.method.startsWith('chat.')).length;
  const report = await doctor();
  const text = renderReport(report);
  expect(failures(report)).toEqual([]);
  expect(report.sections.map((s) => s.title)).toEqual([
    'Slack',
    'Vectra Fusion (vendors.vectra)',
    'Automox (vendors.automox)',
    'N-able N-central (vendors.ncentral)',
    'Gotransverse (vendors.gotransverse)',
  ]);
  expect(report.sections.every((s) => s.checks.length > 0)).toBe(true);
  expect(text).toMatch(/All checks passed\.\n$/);
  expect(writes().length).toBe(before);
  expect(stack.slack.calls.filter((c) => c.method.startsWith('chat.')).length).toBe(slackWritesBefore);
  for (const secret of [...stack.vectra.secrets(), stack.slack.botToken]) expect(text).not.toContain(secret);
});

test('each broken piece fails its own line with the fix; only outages are transient', async () => {
  stack.slack.botNotIn.add(APPROVAL_CHANNEL);
  stack.ncentral.expirePassword('keywarden-verifier');
  stack.vectra.regenerateSharedSecret();
  try {
    const report = await doctor();
    const failed = failures(report);
    const line = (pattern: RegExp) => failed.find((c) => pattern.test(`${c.what} ${c.detail ?? ''}`));
    expect(line(/approval channel CAPPROVALS/)?.fix).toContain('/invite @Keywarden');
    expect(line(/verifier/i)?.fix).toMatch(/password/i);
    expect(line(/netosecret|token/i)?.fix).toMatch(/shared secret|admin_netosecret_env/);
    expect(blockingFailures(report).length).toBe(failed.length);
    const text = renderReport(report);
    expect(text).toMatch(/\n\d+ checks failed\.\n$/);
    expect(text.split('\n').filter((l) => l.trimStart().startsWith('✗')).length).toBe(failed.length);
  } finally {
    stack.slack.botNotIn.delete(APPROVAL_CHANNEL);
    stack.ncentral.expirePassword('keywarden-verifier', false);
  }
});
