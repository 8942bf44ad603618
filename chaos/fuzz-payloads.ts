/**
 * The material of the R6 fuzz: real messages and modals made by using Keywarden as people do, and the payloads
 * built on them, signed as Slack signs them (or, on purpose, not).
 */
import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../test/support/fake-slack';
import type { SignedSlackClient, ViewPayload } from '../test/support/slack-client';
import { APPROVAL_CHANNEL, type Stack } from '../test/support/stack';
import { eventually } from '../test/support/wait';
import type { Fleet } from './fleet';
import { commandText, type Draw, tamperedClick, tamperedView, type Signing } from './fuzz-inputs';
import { typeRequest } from './people';

const USERS = ['UREQ', 'UALICE', 'UBOB', 'UNOBODY', 'UADMIN', ''];

export interface Templates {
  messages: StoredMessage[];
  views: ViewPayload[];
  ids: string[];
  responseUrl: () => string;
}

/** Real messages and modals to tamper with, made by using Keywarden as people do. */
export async function makeTemplates(stack: Stack, fleet: Fleet): Promise<Templates> {
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
export function fuzzedBody(draw: Draw, client: SignedSlackClient, t: Templates): { body: string; triggerId?: string } {
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

export function headersFor(how: Signing, client: SignedSlackClient, body: string) {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = { stale: now - 400, future: now + 400, 'future-within-window': now + 200 }[how as string] ?? now;
  return { timestamp, signature: how === 'bad-signature' ? `v0=${'0'.repeat(64)}` : client.sign(body, timestamp) };
}
