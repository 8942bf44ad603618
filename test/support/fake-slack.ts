/**
 * A fake Slack Web API on loopback. It answers the methods Keywarden calls, as Slack does (including
 * `user_not_in_channel` for ephemeral posts to non-members and 429 `ratelimited`), records every call, keeps the
 * current blocks of every message so tests can click buttons as they are now, and serves `response_url`s.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether Slack accepted the call (false for injected and rule-based errors). */
  ok?: boolean;
  /** For `response_url` calls: which one (`/response/<n>`). */
  path?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks: SlackBlock[];
  threadTs?: string;
}

export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: Array<{ type: string; action_id?: string; value?: string; text?: { text: string } }>;
  text?: { text: string };
  fields?: Array<{ text: string }>;
}

interface InjectedError {
  method: string;
  error: string;
  retryAfterSeconds?: number;
  /** Only for calls whose args match, e.g. `{ channel: 'C1' }`. */
  when?: Record<string, string>;
}

/** Every call Keywarden made whose content could be seen by someone other than the intended user. */
export const PUBLIC_METHODS = new Set(['chat.postMessage', 'chat.update', 'views.publish']);

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly notInChannel = new Set<string>();
  /** User groups and their members (`usergroups.users.list`); change them to move people in and out. */
  readonly groups = new Map<string, string[]>();
  /** Scopes the bot token carries, sent back as Slack does in `x-oauth-scopes` on every answer. */
  scopes = ['commands', 'chat:write', 'im:write', 'usergroups:read', 'users:read', 'channels:read', 'groups:read'];
  /** Channels the bot has not been invited to (`conversations.info` says `is_member: false`). */
  readonly botNotIn = new Set<string>();
  /** Channel ids that do not exist (`channel_not_found`); every other `C…`/`G…` id exists. */
  readonly unknownChannels = new Set<string>();
  /** The App Home view last published for each user. */
  readonly homes = new Map<string, { blocks: SlackBlock[] }>();
  private readonly errors: InjectedError[] = [];
  private readonly watchers = new Set<(call: SlackCall) => void>();
  private server: Server | undefined;
  private clock = 1_700_000_000;
  private counter = 0;
  url = '';

  constructor(readonly botToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-oauth-scopes': this.scopes.join(','),
          ...headers,
        });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.url}/api/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Makes the next matching call fail with a Slack error code. */
  failNext(
    method: string,
    error: string,
    options: { retryAfterSeconds?: number; when?: Record<string, string> } = {},
  ): void {
    this.errors.push({ method, error, ...options });
  }

  /** A `response_url` the bot can post to (as Slack gives with every command and interaction). */
  responseUrl(): string {
    return `${this.url}/response/${++this.counter}`;
  }

  /** Resolves with the first call from now on that `matches`, as it arrives (benchmarks time answers with it). */
  nextCall(matches: (call: SlackCall) => boolean): Promise<SlackCall> {
    return new Promise((resolve) => {
      const watch = (call: SlackCall) => {
        if (!matches(call)) return;
        this.watchers.delete(watch);
        resolve(call);
      };
      this.watchers.add(watch);
    });
  }

  private record(call: SlackCall): void {
    this.calls.push(call);
    for (const watch of [...this.watchers]) watch(call);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Top-level messages posted to a channel, in order, as they look now. */
  channelMessages(channel: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel && !m.threadTs);
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    if (path.startsWith('/response/')) {
      this.record({ method: 'response_url', args, path });
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, '');
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    const call: SlackCall = { method, args, ok: false };
    this.record(call);
    if (token !== this.botToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const injected = this.takeError(method, args);
    if (injected) {
      if (injected.error === 'ratelimited') {
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'retry-after': String(injected.retryAfterSeconds ?? 1) },
        };
      }
      return { status: 200, body: { ok: false, error: injected.error } };
    }
    const body = this.answer(method, args);
    call.ok = body.ok === true;
    return { status: 200, body };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'keywarden', team: 'Acme' };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = `${++this.clock}.000100`;
        const message: StoredMessage = {
          channel,
          ts,
          text: args.text as string,
          blocks: (args.blocks as SlackBlock[]) ?? [],
        };
        if (typeof args.thread_ts === 'string') message.threadTs = args.thread_ts;
        this.messages.set(`${channel}/${ts}`, message);
        return { ok: true, channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update': {
        const key = `${String(args.channel)}/${String(args.ts)}`;
        const message = this.messages.get(key);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = args.text as string;
        message.blocks = (args.blocks as SlackBlock[]) ?? [];
        return { ok: true, channel: message.channel, ts: message.ts };
      }
      case 'chat.postEphemeral': {
        const channel = String(args.channel);
        if (!channel.startsWith('D') && this.notInChannel.has(`${channel}/${String(args.user)}`)) {
          return { ok: false, error: 'user_not_in_channel' };
        }
        return { ok: true, message_ts: `${++this.clock}.000200` };
      }
      case 'conversations.info': {
        const channel = String(args.channel);
        if (this.unknownChannels.has(channel) || !/^[CG]/.test(channel))
          return { ok: false, error: 'channel_not_found' };
        if (!this.scopes.includes(channel.startsWith('G') ? 'groups:read' : 'channels:read')) {
          return { ok: false, error: 'missing_scope' };
        }
        const channelInfo = { id: channel, name: channel.toLowerCase(), is_member: !this.botNotIn.has(channel) };
        return { ok: true, channel: channelInfo };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'usergroups.users.list': {
        const members = this.groups.get(String(args.usergroup));
        return members ? { ok: true, users: [...members] } : { ok: false, error: 'no_such_subteam' };
      }
      case 'views.publish': {
        const view = parseView(args.view);
        if (view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
        this.homes.set(String(args.user_id), { blocks: (view.blocks as SlackBlock[]) ?? [] });
        return { ok: true, view: { id: `V${++this.counter}`, ...view } };
      }
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.counter}`, ...parseView(args.view) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private takeError(method: string, args: Record<string, unknown>): InjectedError | undefined {
    const index = this.errors.findIndex(
      (e) => e.method === method && Object.entries(e.when ?? {}).every(([k, v]) => String(args[k]) === v),
    );
    return index < 0 ? undefined : this.errors.splice(index, 1)[0];
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends forms whose complex fields (blocks, view) are JSON strings; JSON bodies also occur. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Views arrive as JSON text in form-encoded calls and as objects in JSON ones. */
function parseView(view: unknown): Record<string, unknown> {
  return (typeof view === 'string' ? JSON.parse(view) : (view ?? {})) as Record<string, unknown>;
}
