/**
 * Plays Slack's side of the bot's HTTP endpoint: correctly signed slash commands, button clicks (found by their
 * label in the blocks the bot posted) and modal submissions, exactly as Slack sends them.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { FakeSlack, SlackBlock, StoredMessage } from './fake-slack';

export interface BotResponse {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

export interface ViewPayload {
  callback_id: string;
  private_metadata: string;
  blocks: SlackBlock[];
}

export class SignedSlackClient {
  constructor(
    private readonly endpoint: string,
    private readonly signingSecret: string,
    private readonly slack: FakeSlack,
  ) {}

  /** Posts a raw body with the given signature headers; by default a valid signature for now. */
  async post(
    body: string,
    headers: { timestamp?: number; signature?: string; contentType?: string } = {},
  ): Promise<BotResponse> {
    const timestamp = headers.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = headers.signature ?? this.sign(body, timestamp);
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': headers.contentType ?? 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text, json: () => (text ? (JSON.parse(text) as Record<string, unknown>) : {}) };
  }

  sign(body: string, timestamp: number): string {
    return `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  commandBody(user: string, text: string, options: { channel?: string; triggerId?: string } = {}): string {
    return new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: 'T1',
      team_domain: 'acme',
      channel_id: options.channel ?? 'CREQUESTS',
      channel_name: 'requests',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/keys',
      text,
      api_app_id: 'A1',
      response_url: this.slack.responseUrl(),
      trigger_id: options.triggerId ?? `trigger-${randomUUID()}`,
    }).toString();
  }

  /** Types `/keys <text>` as `user`. */
  command(user: string, text: string, options: { channel?: string; triggerId?: string } = {}): Promise<BotResponse> {
    return this.post(this.commandBody(user, text, options));
  }

  /**
   * Clicks the button labelled `label` in `message` as it looks now — or, with `stale`, as the given snapshot
   * shows it (a client that has not yet received the update, which Slack allows).
   */
  async click(
    user: string,
    message: StoredMessage,
    label: string,
    options: { stale?: boolean } = {},
  ): Promise<BotResponse> {
    const current = options.stale ? message : (this.slack.messages.get(`${message.channel}/${message.ts}`) ?? message);
    for (const block of current.blocks) {
      const button = block.elements?.find((e) => e.type === 'button' && e.text?.text === label);
      if (!button) continue;
      return this.interaction(user, 'block_actions', {
        response_url: this.slack.responseUrl(),
        container: { type: 'message', message_ts: current.ts, channel_id: current.channel, is_ephemeral: false },
        channel: { id: current.channel, name: 'approvals' },
        message: { type: 'message', ts: current.ts, text: current.text, blocks: current.blocks },
        actions: [buttonAction(block, button)],
      });
    }
    throw new Error(`no button "${label}" in message ${current.ts}: ${JSON.stringify(current.blocks)}`);
  }

  /** Delivers an Events API event (e.g. `app_home_opened`) as Slack does: signed JSON. */
  event(event: Record<string, unknown>): Promise<BotResponse> {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.post(body, { contentType: 'application/json' });
  }

  /** Clicks the button labelled `label` in the block `blockId` of a user's App Home as last published. */
  clickInHome(user: string, blockId: string, label: string): Promise<BotResponse> {
    const home = this.slack.homes.get(user);
    const block = home?.blocks.find((b) => b.block_id === blockId);
    const button = block?.elements?.find((e) => e.type === 'button' && e.text?.text === label);
    if (!block || !button) throw new Error(`no button "${label}" in ${blockId} of ${user}'s App Home`);
    return this.interaction(user, 'block_actions', {
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home', blocks: home?.blocks ?? [], private_metadata: '', callback_id: '' },
      actions: [buttonAction(block, button)],
    });
  }

  /** Submits a modal the bot opened, with values keyed by block id (select values or text). */
  submitView(user: string, view: ViewPayload, values: Record<string, string>): Promise<BotResponse> {
    return this.interaction(user, 'view_submission', { view: viewWithState(view, values) });
  }

  /** Picks `value` in the select of block `blockId` of an open modal (other inputs hold `values`). */
  selectInView(
    user: string,
    view: ViewPayload,
    blockId: string,
    value: string,
    values: Record<string, string> = {},
  ): Promise<BotResponse> {
    const element = elementOf(view.blocks.find((b) => b.block_id === blockId));
    if (!element) throw new Error(`no input block ${blockId} in the view`);
    const selected = { value, text: { type: 'plain_text', text: value } };
    return this.interaction(user, 'block_actions', {
      container: { type: 'view', view_id: 'VMODAL' },
      view: viewWithState(view, { ...values, [blockId]: value }),
      actions: [
        {
          type: element.type,
          action_id: element.action_id,
          block_id: blockId,
          selected_option: selected,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    });
  }

  /** An interaction payload from `user`, with what every interaction carries around `fields`. */
  private interaction(user: string, type: string, fields: Record<string, unknown>): Promise<BotResponse> {
    const payload = {
      type,
      user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
      team: { id: 'T1', domain: 'acme' },
      api_app_id: 'A1',
      trigger_id: `trigger-${randomUUID()}`,
      ...fields,
    };
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }
}

function elementOf(block: SlackBlock | undefined): { type: string; action_id: string } | undefined {
  return (block as unknown as { element?: { type: string; action_id: string } } | undefined)?.element;
}

/** The view as Slack sends it back: its blocks plus the state of every input, keyed by block and action id. */
function viewWithState(view: ViewPayload, values: Record<string, string>): Record<string, unknown> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const element = elementOf(block);
    if (!block.block_id || !element) continue;
    const value = values[block.block_id];
    state[block.block_id] = {
      [element.action_id]:
        element.type === 'static_select'
          ? {
              type: element.type,
              selected_option: value === undefined ? null : { value, text: { type: 'plain_text', text: value } },
            }
          : { type: element.type, value: value ?? null },
    };
  }
  return {
    id: 'VMODAL',
    hash: 'hash-1',
    type: 'modal',
    callback_id: view.callback_id,
    private_metadata: view.private_metadata,
    blocks: view.blocks,
    state: { values: state },
  };
}

function buttonAction(block: SlackBlock, button: NonNullable<SlackBlock['elements']>[number]): Record<string, unknown> {
  return {
    type: 'button',
    action_id: button.action_id,
    block_id: block.block_id,
    value: button.value,
    text: button.text,
    action_ts: `${Date.now() / 1000}`,
  };
}
