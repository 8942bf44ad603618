/**
 * A faithful fake of Gotransverse API 2.0 authentication (see VENDORS.md): every API set's read endpoint behind
 * `X-Api-Key`, with the documented 401/403 messages in `{code, message}` bodies. Gotransverse has no API for users
 * or keys, so tests and the sandbox play the person in the UI through the helpers below: create a user, generate
 * a key for yourself (needs the Manage User API Key authority), delete it, or change the owner's account state.
 */
import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { API_SETS, API_SET_SLUGS, type ApiSetSlug } from '../apisets';
import { GOTRANSVERSE_MESSAGES as MSG } from '../client';

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

function fail(status: 401 | 403 | 404, message: string): FakeResponse {
  const code = status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND';
  return { status, body: { code, message } };
}

export class FakeGotransverse {
  readonly http = new FakeHttpServer(() => fail(404, 'Entity not found.'));
  private readonly users = new Map<string, FakeUser>();
  /** Live keys by their plaintext, as the vendor looks them up from the header. */
  private readonly live = new Map<string, FakeKeyView>();
  private readonly issued: string[] = [];

  constructor() {
    for (const set of API_SETS) this.http.on('GET', set.probePath, (req) => this.serve(req, set.slug));
  }

  /** Starts listening on loopback; returns the tenant URL to configure as `base_url`. */
  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
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
    if (!key || !owner) return fail(403, MSG.disallowed);
    const blocked = this.accountState(owner);
    if (blocked === 'disabled') return fail(401, MSG.userDisabled);
    if (blocked === 'expired') return fail(401, MSG.userExpired);
    if (blocked === 'locked') return fail(401, MSG.userLocked);
    if (!key.apisets.includes(slug)) return fail(403, MSG.accessDenied);
    return { status: 200, body: { level: 'INFO', message: 'Connection established' } };
  }
}
