/**
 * R6: fuzzed input against the bot and worker processes. First a few real requests make real messages and
 * modals (an approval, a delivered key, the request and deny forms, the App Home); then thousands of inputs
 * built on them are sent, signed as Slack would (a few stale, future-dated or wrongly signed). Counted: process
 * crashes, 5xx answers, answers over Slack's 3 s, signed-window refusals, and replies that are not a helpful
 * message (empty, or showing `undefined`, `NaN`, `[object Object]` or a stack trace) in the acknowledgement or in
 * anything the bot then sent to Slack.
 */
import { randomUUID } from 'node:crypto';
import type { SlackCall, StoredMessage } from '../test/support/fake-slack';
import type { SignedSlackClient, ViewPayload } from '../test/support/slack-client';
import { APPROVAL_CHANNEL, startStack, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import type { ScenarioCounts } from './counts';
import { startFleet, type Fleet } from './fleet';
import { commandText, Draw, seededRandom, signing, tamperedClick, tamperedView, type Signing } from './fuzz-inputs';
import { typeRequest } from './people';
import type { ChaosSizes } from './sizes';

const UNHELPFUL = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /\bat \S+ \(?\S+:\d+:\d+\)?/,
  /(Type|Reference|Syntax)Error/,
];
const USERS = ['UREQ', 'UALICE', 'UBOB', 'UNOBODY', 'UADMIN', ''];
const CONCURRENCY = 12;

interface Tally {
  sent: number;
  serverErrors: number;
  noAnswer: number;
  over3s: number;
  refusedAsExpected: number;
  wronglyAccepted: number;
  wronglyRefused: number;
  unhelpfulAcks: number;
  silentCommands: number;
  /** A few inputs behind each kind of miss, for the report; where each silent command's answer would go. */
  examples: { slow: string[]; silent: Map<string, string>; responseUrls: Map<string, string> };
}

interface Templates {
  messages: StoredMessage[];
  views: ViewPayload[];
  ids: string[];
  responseUrl: () => string;
}

/** Real messages and modals to tamper with, made by using Keywarden as people do. */
async function makeTemplates(stack: Stack, fleet: Fleet): Promise<Templates> {
  const client = fleet.client();
  if (!client) throw new Error('no bot');
  const pending = await typeRequest(client, 'UREQ');
  const delivered = await typeRequest(client, 'UREQ');
  if (pending.kind !== 'acknowledged' || delivered.kind !== 'acknowledged') throw new Error('requests not started');
  const approval = (id: string) =>
    eventually(
      () => stack.slack.channelMessages(APPROVAL_CHANNEL).find((m) => JSON.stringify(m.blocks).includes(id)),
      `approval message ${id}`,
      60_000,
    );
  await client.click('UALICE', await approval(delivered.requestId), 'Approve');
  const offer = await eventually(
    () =>
      stack.slack
        .callsTo('chat.postEphemeral')
        .find((c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${delivered.requestId}"`)),
    'delivery offer',
    60_000,
  );
  await client.click('UALICE', await approval(pending.requestId), 'Deny');
  await client.command('UREQ', 'request vectra');
  await client.event({ type: 'app_home_opened', user: 'UREQ', tab: 'home' });
  await eventually(() => stack.slack.homes.get('UREQ'), 'App Home', 30_000);
  const offerMessage: StoredMessage = {
    channel: String(offer.args.channel),
    ts: 'ephemeral',
    blocks: offer.args.blocks as StoredMessage['blocks'],
  };
  const home: StoredMessage = { channel: 'home', ts: 'home', blocks: stack.slack.homes.get('UREQ')?.blocks ?? [] };
  return {
    messages: [await approval(pending.requestId), await approval(delivered.requestId), offerMessage, home],
    views: stack.slack.callsTo('views.open').map((c) => parseView(c.args.view)),
    ids: [pending.requestId, delivered.requestId, 'k7m2q9xd4a', ''],
    responseUrl: () => stack.slack.responseUrl(),
  };
}

function parseView(view: unknown): ViewPayload {
  return (typeof view === 'string' ? JSON.parse(view) : view) as ViewPayload;
}

/** The body of one fuzzed input: a command, a click or a submission, as Slack would form it. */
function fuzzedBody(draw: Draw, client: SignedSlackClient, t: Templates): { body: string; triggerId?: string } {
  const user = draw.pick(USERS);
  const kind = draw.pick(['command', 'command', 'click', 'click', ...(t.views.length > 0 ? ['view'] : [])]);
  if (kind === 'command') {
    const triggerId = `trigger-${randomUUID()}`;
    return { body: client.commandBody(user, commandText(draw, t.ids), { triggerId }), triggerId };
  }
  const base = {
    user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
  };
  const trigger = { trigger_id: `trigger-${randomUUID()}` };
  if (kind === 'click') {
    const message = draw.pick(t.messages);
    const tampered = tamperedClick(draw, { message }, t.ids);
    const action = {
      type: 'button',
      action_id: tampered?.button.action_id ?? draw.text(),
      block_id: tampered?.block.block_id ?? draw.text(),
      value: tampered?.button.value ?? draw.text(),
      action_ts: `${Date.now() / 1000}`,
    };
    const container =
      message.channel === 'home'
        ? { type: 'view', view_id: 'VHOME' }
        : { type: 'message', message_ts: message.ts, channel_id: message.channel };
    const payload = {
      type: 'block_actions',
      ...base,
      ...trigger,
      container,
      actions: [action],
      response_url: t.responseUrl(),
    };
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
  }
  const template = draw.pick(t.views);
  const { view, values } = tamperedView(draw, template, t.ids);
  const state = Object.fromEntries(
    Object.entries(values).map(([blockId, value]) => [blockId, { value: { type: 'plain_text_input', value } }]),
  );
  const payload = {
    type: 'view_submission',
    ...base,
    ...trigger,
    view: { id: 'VMODAL', type: 'modal', ...view, state: { values: state } },
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}

function headersFor(how: Signing, client: SignedSlackClient, body: string) {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = { stale: now - 400, future: now + 400, 'future-within-window': now + 200 }[how as string] ?? now;
  return { timestamp, signature: how === 'bad-signature' ? `v0=${'0'.repeat(64)}` : client.sign(body, timestamp) };
}

const unhelpful = (text: string) => UNHELPFUL.some((pattern) => pattern.test(text));

/** Sends one input and scores its answer. */
async function sendOne(draw: Draw, fleet: Fleet, t: Templates, tally: Tally, triggers: string[]): Promise<void> {
  const client = fleet.client();
  if (!client) return;
  const { body, triggerId } = fuzzedBody(draw, client, t);
  const example = new URLSearchParams(body).get('text') ?? new URLSearchParams(body).get('payload') ?? '';
  const how = signing(draw);
  tally.sent += 1;
  const started = Date.now();
  const res = await client.post(body, headersFor(how, client, body)).catch(() => undefined);
  if (Date.now() - started > 3_000) {
    tally.over3s += 1;
    tally.examples.slow.push(example.slice(0, 120));
  }
  if (!res) return void (tally.noAnswer += 1);
  if (res.status >= 500) tally.serverErrors += 1;
  const shouldRefuse = how === 'stale' || how === 'future' || how === 'bad-signature';
  if (shouldRefuse) return void (res.status === 401 ? (tally.refusedAsExpected += 1) : (tally.wronglyAccepted += 1));
  if (res.status === 401) tally.wronglyRefused += 1;
  if (unhelpful(res.body)) tally.unhelpfulAcks += 1;
  if (triggerId && res.status === 200 && !String(safeText(res.body))) {
    triggers.push(triggerId);
    tally.examples.silent.set(triggerId, example.slice(0, 160));
    tally.examples.responseUrls.set(triggerId, new URL(new URLSearchParams(body).get('response_url') ?? '').pathname);
  }
}

function safeText(body: string): unknown {
  try {
    return (JSON.parse(body) as { text?: unknown }).text ?? '';
  } catch {
    return body;
  }
}

/** What the bot sent to Slack during the fuzz, as text. */
function repliesSince(calls: readonly SlackCall[]): string[] {
  return calls
    .filter((c) =>
      [
        'response_url',
        'chat.postEphemeral',
        'chat.postMessage',
        'views.open',
        'views.update',
        'views.push',
        'views.publish',
      ].includes(c.method),
    )
    .map((c) => JSON.stringify(c.args));
}

export async function runR6(sizes: ChaosSizes): Promise<ScenarioCounts> {
  const began = Date.now();
  const stack = await startStack({ vendorRatePerSecond: 100 });
  await stack.stopWorker();
  const fleet = await startFleet(['bot', 'worker'], stack.env, stack.slack);
  try {
    const templates = await makeTemplates(stack, fleet);
    const callsBefore = stack.slack.calls.length;
    const seed = Number(process.env.KW_CHAOS_SEED ?? Date.now() % 1_000_000);
    const draw = new Draw(seededRandom(seed));
    const tally: Tally = {
      sent: 0,
      serverErrors: 0,
      noAnswer: 0,
      over3s: 0,
      refusedAsExpected: 0,
      wronglyAccepted: 0,
      wronglyRefused: 0,
      unhelpfulAcks: 0,
      silentCommands: 0,
      examples: { slow: [], silent: new Map(), responseUrls: new Map() },
    };
    const silentTriggers: string[] = [];
    const lanes = Array.from({ length: CONCURRENCY }, async () => {
      while (tally.sent < sizes.r6.inputs) await sendOne(draw, fleet, templates, tally, silentTriggers);
    });
    await Promise.all(lanes);
    // A command answered with an empty acknowledgement must open a form or answer through its response URL.
    const unanswered = () => {
      const opened = new Set(stack.slack.callsTo('views.open').map((c) => String(c.args.trigger_id)));
      const responded = new Set(stack.slack.callsTo('response_url').map((c) => c.url));
      return silentTriggers.filter((id) => !opened.has(id) && !responded.has(tally.examples.responseUrls.get(id)));
    };
    await eventually(() => unanswered().length === 0, 'late answers', 15_000).catch(() => undefined);
    const silent = unanswered();
    tally.silentCommands = silent.length;
    const examples = {
      silent: silent.slice(0, 5).map((id) => tally.examples.silent.get(id)),
      slow: tally.examples.slow.slice(0, 5),
    };
    process.stdout.write(`R6 examples: ${JSON.stringify(examples)}\n`);
    const replies = repliesSince(stack.slack.calls.slice(callsBefore));
    const crashes = ['bot', 'worker'].filter((role) => fleet.process(role as 'bot')?.child.exitCode !== null).length;
    return {
      scenario: 'R6 fuzzed input',
      chaos: `${tally.sent} inputs (seed ${seed}): commands, tampered clicks and modal submissions, 5 % mis-signed`,
      acknowledged: 0,
      completed: 0,
      lost: 0,
      duplicateKeys: 0,
      duplicateApprovals: 0,
      duplicateDeliveries: 0,
      extra: {
        'process crashes': crashes,
        '5xx answers': tally.serverErrors,
        'no answer': tally.noAnswer,
        'answers over 3 s': tally.over3s,
        'unhelpful acknowledgements': tally.unhelpfulAcks,
        'commands answered with nothing': tally.silentCommands,
        'replies sent to Slack': replies.length,
        'unhelpful replies sent to Slack': replies.filter(unhelpful).length,
        'stale/future/mis-signed refused 401': tally.refusedAsExpected,
        'stale/future/mis-signed accepted': tally.wronglyAccepted,
        'signed within the window refused': tally.wronglyRefused,
      },
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    await fleet.stop();
    await stack.stop();
  }
}
