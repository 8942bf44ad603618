/**
 * Scale-out on one real Temporal server, with the compiled production entry: two worker processes and two bot
 * processes (HTTP mode; commands go to one bot, the approval clicks to the other), one worker SIGKILLed while
 * every request has a vendor call in flight. Every request completes with exactly one key at the vendor and one
 * delivery. (The kill lands while the vendor is slow, not inside a Slack post: Slack has no idempotency key, so a
 * kill in the instant between Slack's answer and the activity's heartbeat could still repeat an offer — see
 * `activities/delivery.ts`.)
 */
import { approvalMessage, clickReveal, REQUESTER, revealSecret } from '../support/flows';
import { startAll, type KeywardenProcess } from '../support/processes';
import { SignedSlackClient } from '../support/slack-client';
import { SIGNING_SECRET, startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

const REQUESTS = 12;

let stack: Stack;
let workers: KeywardenProcess[] = [];
let bots: KeywardenProcess[] = [];

beforeAll(async () => {
  stack = await startStack();
  await stack.stopWorker();
  const processes = await startAll(
    (['worker', 'worker', 'bot', 'bot'] as const).map((role) => ({ role, env: stack.env })),
  );
  workers = processes.filter((p) => p.role === 'worker');
  bots = processes.filter((p) => p.role === 'bot');
}, 300_000);

afterAll(async () => {
  await Promise.all([...workers, ...bots].map((p) => p.stop('SIGKILL')));
  await stack?.stop();
});

function offers(requestId: string): number {
  return stack.slack
    .callsTo('chat.postEphemeral')
    .filter(
      (c) => c.ok && c.args.user === REQUESTER && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${requestId}"`),
    ).length;
}

test('two bots and two workers share the work; a worker killed mid-flight loses nothing and repeats nothing', async () => {
  const [first, second] = bots.map((bot) => new SignedSlackClient(bot.slackUrl ?? '', SIGNING_SECRET, stack.slack));
  if (!first || !second) throw new Error('two bots');
  // Creating keys is slow today: each request's key creation is in flight, on one worker or the other, at once.
  stack.vectra.http.inject({ method: 'POST', path: '/api/v1/api-keys', delayMs: 3_000, times: REQUESTS });
  const ids = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const res = await first.command(REQUESTER, `request vectra role=readonly ttl=1h purpose="scale-out ${i}"`);
      const id = /Request `([a-z0-9]+)`/.exec(String(res.json().text))?.[1];
      if (!id) throw new Error(`no request id in ${res.body}`);
      return id;
    }),
  );
  for (const id of ids)
    expect((await second.click('UALICE', await approvalMessage(stack, id), 'Approve')).status).toBe(200);

  const creating = () => stack.vectra.http.received.filter((r) => r.method === 'POST' && r.path === '/api/v1/api-keys');
  await eventually(() => creating().length >= REQUESTS, 'every key creation in flight', 60_000);
  workers[0]?.child.kill('SIGKILL');
  await eventually(() => ids.every((id) => offers(id) > 0), 'every request delivered', 180_000);

  // The kill did interrupt work: the survivor found keys the dead worker had made, and regenerated rather than
  // made a second one (two workers share the queue, so the dead one held some of the twelve).
  expect(stack.vectra.http.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/regen')).length).toBeGreaterThan(
    0,
  );
  for (const id of ids) {
    expect(stack.vectra.listKeys().filter((k) => k.appname === `keywarden-${id}`)).toHaveLength(1);
    expect([id, offers(id)]).toEqual([id, 1]);
  }
  // Each key is revealed once, whichever bot answers the click.
  const id = ids[0] ?? '';
  expect(await revealSecret(stack, id)).toBeTruthy();
  expect(String((await clickReveal(stack, id)).args.text)).toContain('already revealed');

  // The survivors stop cleanly on SIGTERM, as an orchestrator stops them.
  const survivors = [...workers.slice(1), ...bots];
  expect(await Promise.all(survivors.map((p) => p.stop('SIGTERM')))).toEqual([0, 0, 0]);
}, 400_000);
