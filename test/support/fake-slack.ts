/**
 * A fake Slack Web API on loopback. It answers the methods Keywarden calls, as Slack does (including
 * `user_not_in_channel` for ephemeral posts to non-members, 429 `ratelimited` with `Retry-After`, message
 * `metadata` returned by `conversations.history` only with `include_all_metadata`), records every call with the
 * time it arrived, keeps the current blocks of every message so tests can click buttons as they are now, and
 * serves `response_url`s. Faults are injected per call (`failNext`) or by a rule (`faults`), including a call
 * Slack carries out whose answer never reaches the caller (`afterAccept`): the crash window of a post.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether Slack accepted the call (false for injected and rule-based errors). */
  ok?: boolean;
  /** When the call arrived (epoch ms). */
  at: number;
  /** The fault injected into it, if any. */
  fault?: string;
  /** For `response_url` posts: which one (`/response/<n>`). */
  url?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks: SlackBlock[];
  threadTs?: string;
  metadata?: unknown;
}

export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: Array<{ type: string; action_id?: string; value?: string; text?: { text: string } }>;
  text?: { text: string };
  fields?: Array<{ text: string }>;
}

export interface InjectedError {
  method: string;
  /** A Slack error code, `ratelimited` (HTTP 429), or `http_<status>` for a bare HTTP failure such as a 503. */
  error: string;
  retryAfterSeconds?: number;
  /** Only for calls whose args match, e.g. `{ channel: 'C1' }`. */
  when?: Record<string, string>;
  /** Slack carries the call out, then the connection drops before its answer reaches the caller. */
  afterAccept?: boolean;
}

/** A rule that may fault any call: return the fault to inject, or undefined to answer normally. */
export type FaultRule = (method: string, args: Record<string, unknown>) => Omit<InjectedError, 'method'> | undefined;

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering. */
  drop?: boolean;
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
  scopes = [
    'commands',
    'chat:write',
    'im:write',
    'usergroups:read',
    'users:read',
    'channels:read',
    'groups:read',
    'channels:history',
    'groups:history',
  ];
  /** Faults applied to every call after those queued by `failNext`; none by default. */
  faults: FaultRule | undefined;
  /** Channels the bot has not been invited to (`conversations.info` says `is_member: false`). */
  readonly botNotIn = new Set<string>();
  /** Channel ids that do not exist (`channel_not_found`); every other `C…`/`G…` id exists. */
  readonly unknownChannels = new Set<string>();
  /** The App Home view last published for each user. */
  readonly homes = new Map<string, { blocks: SlackBlock[] }>();
  private readonly errors: InjectedError[] = [];
  private readonly watchers = new Set<(call: SlackCall) => void>();
  private server: Server | undefined;
  private lastTs = 0;
  private counter = 0;
  url = '';

  constructor(readonly botToken: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers, drop }) => {
        if (drop) return void res.destroy();
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
    options: { retryAfterSeconds?: number; when?: Record<string, string>; afterAccept?: boolean } = {},
  ): void {
    this.errors.push({ method, error, ...options });
  }

  /** A message someone else posted in `channel` (the traffic a look-up must see past). */
  seed(channel: string, text: string): void {
    this.answer('chat.postMessage', { channel, text });
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

  private async handle(req: IncomingMessage): Promise<Answer> {
    const raw = await readBody(req);
    const at = Date.now();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    if (path.startsWith('/response/')) {
      this.record({ method: 'response_url', args, at, url: path });
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, '');
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    const call: SlackCall = { method, args, ok: false, at };
    this.record(call);
    if (token !== this.botToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    const injected = this.takeError(method, args) ?? this.faults?.(method, args);
    if (injected) call.fault = injected.afterAccept ? `${injected.error} after accept` : injected.error;
    if (injected?.afterAccept) {
      call.ok = this.answer(method, args).ok === true;
      return { status: 200, body: {}, drop: true };
    }
    if (injected) return faultAnswer(injected);
    const body = this.answer(method, args);
    call.ok = body.ok === true;
    return { status: 200, body };
  }

  /** Unique, increasing, and on the real clock, as `conversations.history`'s `oldest` compares them to it. */
  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  /** `conversations.history`: newest first, from `oldest` on, `limit` a page, with a cursor to the next. */
  private history(args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel);
    if (this.botNotIn.has(channel)) return { ok: false, error: 'not_in_channel' };
    if (!this.scopes.includes(channel.startsWith('G') ? 'groups:history' : 'channels:history')) {
      return { ok: false, error: 'missing_scope' };
    }
    const oldest = Number(args.oldest ?? 0);
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const all = this.channelMessages(channel)
      .filter((m) => Number(m.ts) >= oldest)
      .reverse();
    const start = Number(args.cursor ?? 0);
    const limit = Math.min(Number(args.limit ?? 100), 999);
    const page = all.slice(start, start + limit).map(({ ts, text, metadata }) => ({
      type: 'message',
      ts,
      text,
      ...(withMetadata && metadata ? { metadata } : {}),
    }));
    const more = start + limit < all.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? `${start + limit}` : '' },
    };
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'keywarden', team: 'Acme' };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const ts = this.nextTs();
        const message: StoredMessage = {
          channel,
          ts,
          text: args.text as string,
          blocks: (args.blocks as SlackBlock[]) ?? [],
        };
        if (typeof args.thread_ts === 'string') message.threadTs = args.thread_ts;
        if (args.metadata) message.metadata = args.metadata;
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
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'conversations.history':
        return this.history(args);
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

function faultAnswer(fault: Omit<InjectedError, 'method'>): Answer {
  if (fault.error === 'ratelimited') {
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
    };
  }
  const status = /^http_(\d{3})$/.exec(fault.error)?.[1];
  if (status) return { status: Number(status), body: { ok: false, error: 'service_unavailable' } };
  return { status: 200, body: { ok: false, error: fault.error } };
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
