/**
 * The fake Automox tenant's data and the rules that do not depend on who calls: one organization, one account
 * with one zone, users (active, invited or disabled), and API keys capped at 10 per user with unique names.
 */
import { randomUUID } from 'node:crypto';
import { formatAutomoxTime } from '../time';
import type { FakeAutomoxSettings } from './settings';

/** Most keys one user may hold; disabled keys count too (VENDORS.md: sources disagree, so count them). */
export const KEY_CAP = 10;

/** The zone-user statuses Automox reports. */
export type UserStatus = 'pending-invite' | 'active' | 'disabled';

/** A user of the fake tenant. */
export interface FakeUser {
  id: number;
  uuid: string;
  email: string;
  /** `global-admin` or `no-global-access`. */
  accountRole: string;
  /** The role in the fake's only zone, e.g. `read-only` or `zone-admin`. */
  zoneRole: string;
  status: UserStatus;
  /** Whether the user's role has `Personal API Key: Manage` (create and decrypt their own keys). */
  canManageOwnKeys: boolean;
}

/** An API key of the fake tenant, secret included. */
export interface FakeKey {
  id: number;
  userId: number;
  name: string;
  secret: string;
  enabled: boolean;
  expiresAt: number | null;
  createdAt: number;
}

/** A refusal, as the HTTP layer will word it. */
export interface Refusal {
  status: number;
  message: string;
}

/** A key as Automox lists it: never with its secret. */
export interface KeyView {
  id: number;
  name: string;
  is_enabled: boolean;
  expires_at: string | null;
  created_at: string;
  user: { id: number; email: string };
}

/** The fake tenant's users and keys, with the rules that hold whoever calls. */
export class FakeTenant {
  readonly users = new Map<number, FakeUser>();
  readonly keys = new Map<number, FakeKey>();
  /** Every key plaintext ever issued, deleted ones included. */
  readonly issued: string[] = [];
  private nextUserId = 501;
  private nextKeyId = 9001;

  constructor(readonly settings: FakeAutomoxSettings) {}

  addUser(email: string, accountRole: string, zoneRole: string, status: UserStatus): FakeUser {
    const user: FakeUser = {
      id: this.nextUserId++,
      uuid: randomUUID(),
      email,
      accountRole,
      zoneRole,
      status,
      canManageOwnKeys: true,
    };
    this.users.set(user.id, user);
    return user;
  }

  userByEmail(email: string): FakeUser | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((user) => user.email.toLowerCase() === wanted);
  }

  keysOf(userId: number): FakeKey[] {
    return [...this.keys.values()].filter((key) => key.userId === userId);
  }

  /** Removes a user and every key of theirs, as `DELETE /accounts/{id}/users/{uuid}` does. */
  removeUser(user: FakeUser): void {
    for (const key of this.keysOf(user.id)) this.keys.delete(key.id);
    this.users.delete(user.id);
  }

  /** Mints a key under Automox's rules: a unique name per user (400 or 409, a setting) and at most `KEY_CAP` keys (400). */
  addKey(userId: number, name: string, expiresAt: number | null): FakeKey | Refusal {
    const held = this.keysOf(userId);
    if (held.some((key) => key.name === name)) {
      return {
        status: this.settings.duplicateNameStatus,
        message: `an API key named ${name} already exists for this user`,
      };
    }
    if (held.length >= KEY_CAP) {
      return { status: 400, message: `a user can hold at most ${KEY_CAP} API keys; delete one to add another` };
    }
    const key: FakeKey = {
      id: this.nextKeyId++,
      userId,
      name,
      secret: randomUUID(),
      enabled: true,
      expiresAt,
      createdAt: Date.now(),
    };
    this.keys.set(key.id, key);
    this.issued.push(key.secret);
    return key;
  }

  /**
   * The key and user a bearer secret signs in as, or why it is refused: 401 for a secret never issued or a user
   * who is not active; the `refusalStatus` setting for a disabled, expired or deleted key.
   */
  signIn(secret: string | undefined, now = Date.now()): { key: FakeKey; user: FakeUser } | Refusal {
    const key = secret ? [...this.keys.values()].find((k) => k.secret === secret) : undefined;
    const user = key ? this.users.get(key.userId) : undefined;
    const refused = this.settings.refusalStatus;
    if (!key && secret !== undefined && this.issued.includes(secret))
      return { status: refused, message: 'this API key was deleted' };
    if (!key || !user) return { status: 401, message: 'invalid API key' };
    if (!key.enabled) return { status: refused, message: 'this API key is disabled' };
    if (key.expiresAt !== null && key.expiresAt <= now) return { status: refused, message: 'this API key has expired' };
    if (user.status !== 'active') return { status: 401, message: 'the user of this API key is not active' };
    return { key, user };
  }

  view(key: FakeKey): KeyView {
    const user = this.users.get(key.userId);
    return {
      id: key.id,
      name: key.name,
      is_enabled: key.enabled,
      expires_at: key.expiresAt === null ? null : formatAutomoxTime(key.expiresAt),
      created_at: formatAutomoxTime(key.createdAt),
      user: { id: key.userId, email: user?.email ?? '' },
    };
  }
}

/** Whether a tenant operation refused rather than returned its result. */
export function isRefusal(value: object): value is Refusal {
  return 'status' in value && 'message' in value;
}
