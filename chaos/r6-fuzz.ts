/**
 * R6: fuzzed input against the bot and worker processes. First a few real requests make real messages and
 * modals (an approval, a delivered key, the request and deny forms, the App Home); then thousands of inputs
 * built on them are sent, signed as Slack would (a few stale, future-dated or wrongly signed). Counted: process
 * crashes, 5xx answers, answers over Slack's 3 s, signed-window refusals, and replies that are not a helpful
 * message (empty, or showing `undefined`, `NaN`, `[object Object]` or a stack trace) in the acknowledgement or in
 * anything the bot then sent to Slack.
 */
import type { SlackCall } from '../test/support/fake-slack';
import { startStack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import type { ScenarioCounts } from './counts';
import { startFleet, type Fleet } from './fleet';
import { Draw, seededRandom, signing } from './fuzz-inputs';
import { fuzzedBody, headersFor, makeTemplates, type Templates } from './fuzz-payloads';
import type { ChaosSizes } from './sizes';

const UNHELPFUL = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /\bat \S+ \(?\S+:\d+:\d+\)?/,
  /(Type|Reference|Syntax)Error/,
];
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
  if (unhelpful(res.body)) {
    tally.unhelpfulAcks += 1;
    tally.examples.slow.push(`unhelpful: ${example.slice(0, 300)} => ${res.body.slice(0, 500)}`);
  }
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
