/**
 * A fake of Gotransverse API 2.0 authentication (VENDOR-EVIDENCE §4): each configured probe path behind
 * `X-Api-Key`, with the documented 401/403 messages in `{code, message}` bodies, and 404 for every other path.
 * Settings play the cases the sources leave open: a tenant without a microservice, a 403 worded differently or
 * not JSON, a separate console host. Gotransverse has no API for users or keys, so tests and the sandbox play the
 * person in the UI through the helpers below: create a user, generate a key for yourself (needs the Manage User
 * API Key authority), delete it, or change the owner's account state.
 */
import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { API_SET_SLUGS, type ApiSetSlug } from '../apisets';
import { GOTRANSVERSE_MESSAGES as MSG } from '../client';
import { DOCUMENTED_PROBE_PATHS } from '../probes';
import {
  CONSOLE_PAGE,
  fail,
  forbidden,
  NOT_FOUND,
  type FakeGotransverseSettings,
  type ForbiddenStyle,
} from './settings';

export { TEST_PROBE_PATHS, type FakeGotransverseSettings, type ForbiddenStyle } from './settings';

/** The security authority a user needs to see the API Keys section and generate keys. */
export const MANAGE_USER_API_KEY = 'Manage User API Key';

interface FakeUser {
  authorities: Set<string>;
  disabled: boolean;
  expired: boolean;
  locked: boolean;
}

/** A key as the UI lists it: never its secret. */
export interface FakeKeyView {
  name: string;
  description: string;
  owner: string;
  apisets: ApiSetSlug[];
}

type AccountState = 'disabled' | 'expired' | 'locked';

export class FakeGotransverse {
  readonly http = new FakeHttpServer(() => NOT_FOUND);
  /** The tenant console: a web app answering every path with its sign-in page, on its own host. */
  readonly console = new FakeHttpServer(() => ({
    status: 200,
    raw: CONSOLE_PAGE,
    headers: { 'content-type': 'text/html' },
  }));
  private readonly users = new Map<string, FakeUser>();
  /** Live keys by their plaintext, as the vendor looks them up from the header. */
  private readonly live = new Map<string, FakeKeyView>();
  private readonly issued: string[] = [];
  private readonly forbiddenStyle: ForbiddenStyle;

  constructor(settings: FakeGotransverseSettings = {}) {
    this.forbiddenStyle = settings.forbidden ?? 'documented';
    const paths = settings.probePaths ?? DOCUMENTED_PROBE_PATHS;
    for (const slug of API_SET_SLUGS) {
      const path = paths[slug];
      if (path && !settings.notEnabled?.includes(slug)) this.http.on('GET', path, (req) => this.serve(req, slug));
    }
  }

  /** Starts the API host on loopback; returns the URL to configure as `api_base_url`. */
  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  /** Starts the console on its own loopback host; returns the URL to configure as `ui_url`. */
  startConsole(port = 0): Promise<string> {
    return this.console.start(port);
  }

  stop(): Promise<void> {
    return Promise.all([this.http.stop(), this.console.stop()]).then(() => undefined);
  }

  /** The next `times` API calls answer 429 without Retry-After (no rate limit is published). */
  rateLimitNext(times = 1): void {
    this.http.inject({
      times,
      respond: { status: 429, body: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests' } },
    });
  }

  /** Creates an enabled user. Without `authorities` it has none, so it cannot generate keys (as in a real tenant). */
  createUser(username: string, options: { authorities?: readonly string[] } = {}): void {
    if (this.users.has(username)) throw new Error(`user ${username} already exists`);
    this.users.set(username, {
      authorities: new Set(options.authorities ?? []),
      disabled: false,
      expired: false,
      locked: false,
    });
  }

  /**
   * What `username` does in the UI when signed in: generate a key for themselves (there is no way to generate one
   * for someone else) limited to `apisets`, and copy it from the window that shows it once. Throws, as the UI would
   * stop them, when the user cannot sign in or lacks the Manage User API Key authority.
   */
  generateKey(username: string, key: { name: string; apisets: readonly ApiSetSlug[]; description?: string }): string {
    const user = this.user(username);
    const blocked = this.accountState(user);
    if (blocked) throw new Error(`${username} cannot sign in: the account is ${blocked}`);
    if (!user.authorities.has(MANAGE_USER_API_KEY)) {
      throw new Error(`${username} has no API Keys section: it lacks the ${MANAGE_USER_API_KEY} authority`);
    }
    if (!key.name.trim()) throw new Error('Name is required');
    const apisets = API_SET_SLUGS.filter((slug) => key.apisets.includes(slug));
    if (apisets.length === 0) throw new Error('select at least one API set');
    const plaintext = randomBytes(16).toString('hex');
    this.live.set(plaintext, { name: key.name, description: key.description ?? '', owner: username, apisets });
    this.issued.push(plaintext);
    return plaintext;
  }

  /**
   * Deletes keys as a person would in the UI: the key with this plaintext, or else every live key with this name.
   * Returns how many were deleted; throws when none matched, so a test cannot silently revoke nothing.
   */
  revokeKey(plaintextOrName: string): number {
    const matches = this.live.has(plaintextOrName)
      ? [plaintextOrName]
      : [...this.live].filter(([, key]) => key.name === plaintextOrName).map(([plaintext]) => plaintext);
    if (matches.length === 0) throw new Error('no live key has that value or name');
    for (const plaintext of matches) this.live.delete(plaintext);
    return matches.length;
  }

  disableUser(username: string): void {
    this.user(username).disabled = true;
  }

  /** The account's password has expired (Gotransverse then refuses its keys with "User account has expired"). */
  expireUser(username: string): void {
    this.user(username).expired = true;
  }

  lockUser(username: string): void {
    this.user(username).locked = true;
  }

  /** The usernames of every user, as the Users page lists them. */
  usernames(): string[] {
    return [...this.users.keys()];
  }

  /** Live keys, without their secrets. */
  keys(): FakeKeyView[] {
    return [...this.live.values()].map((key) => ({ ...key, apisets: [...key.apisets] }));
  }

  /** Every key ever issued, deleted ones included, for hygiene tests that search logs and histories for them. */
  secrets(): string[] {
    return [...this.issued];
  }

  private user(username: string): FakeUser {
    const user = this.users.get(username);
    if (!user) throw new Error(`no user ${username}`);
    return user;
  }

  private accountState(user: FakeUser): AccountState | undefined {
    if (user.disabled) return 'disabled';
    if (user.expired) return 'expired';
    if (user.locked) return 'locked';
    return undefined;
  }

  /**
   * Header, then key, then the owner's account, then the key's API sets. Gotransverse documents the messages, not
   * their order; this order lets every documented message be produced.
   */
  private serve(req: FakeRequest, slug: ApiSetSlug): FakeResponse {
    const header = req.headers['x-api-key'];
    const presented = Array.isArray(header) ? header[0] : header;
    if (!presented) return fail(401, MSG.noHeader);
    const key = this.live.get(presented);
    const owner = key && this.users.get(key.owner);
    if (!key || !owner) return forbidden(this.forbiddenStyle, MSG.disallowed);
    const blocked = this.accountState(owner);
    if (blocked === 'disabled') return fail(401, MSG.userDisabled);
    if (blocked === 'expired') return fail(401, MSG.userExpired);
    if (blocked === 'locked') return fail(401, MSG.userLocked);
    if (!key.apisets.includes(slug)) return forbidden(this.forbiddenStyle, MSG.accessDenied);
    return { status: 200, body: { level: 'INFO', message: 'Connection established' } };
  }
}
