/**
 * A faithful fake of the Automox API (VENDOR-EVIDENCE §1), under `/api`: Bearer keys that carry their owner's
 * permissions, `{"errors": [...]}` bodies, `?o=<orgId>` on every `api_keys` call, owner-only key creation and
 * decryption (and only with `Personal API Key: Manage`), administrators managing others' keys, a 10-key cap,
 * unique names per user, disabled and deleted keys refused, invitations, paged zone users and user removal
 * (Global Admin only). Where the sources are silent or disagree, `settings.ts` chooses; other fixed choices:
 * - the key cap answers 400; a missing or wrong `?o=` answers 400; a key of a user who is not active answers 401;
 * - invited people get their numeric id and uuid at invitation time, and appear as `pending-invite` zone users;
 * - enabling/disabling answers 200 with the key; 429s (`rateLimitNext`) carry no `Retry-After`.
 */
import { randomUUID } from 'node:crypto';
import { bearerToken, FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { handleInvite, handleRemoveUser, handleSelf, handleZoneUsers } from './accounts';
import { handleCreateKey, handleDecrypt, handleDelete, handleList, handleSetEnabled } from './keys';
import { fail, type FakeContext, type TenantIds } from './respond';
import { SPEC_LIKE, type FakeAutomoxSettings } from './settings';
import { FakeTenant, isRefusal, type FakeUser, type KeyView } from './state';

/** Who may call a `/users/{id}/api_keys` route, and what the others are told. */
interface KeyAccess {
  who: 'owner' | 'owner-or-admin';
  refusal: string;
}

const MANAGE: KeyAccess = { who: 'owner-or-admin', refusal: "you may not manage this user's API keys" };
const CREATE: KeyAccess = { who: 'owner', refusal: 'users can only add API keys for their own account' };
const DECRYPT: KeyAccess = { who: 'owner', refusal: 'only the owner of an API key can decrypt it' };

/** The fake Automox, plus the console actions tests and sandboxes perform as people would. */
export class FakeAutomox implements TenantIds {
  readonly http = new FakeHttpServer((req) => fail({ status: 404, message: `no route for ${req.method} ${req.path}` }));
  readonly orgId = 4242;
  readonly accountId = randomUUID();
  readonly zoneId = randomUUID();
  private readonly tenant: FakeTenant;

  constructor(settings: Partial<FakeAutomoxSettings> = {}) {
    this.tenant = new FakeTenant({ ...SPEC_LIKE, ...settings });
    const keys = '/api/users/:userId/api_keys';
    this.http
      .on('GET', keys, (req) => this.forKeys(req, MANAGE, (ctx) => handleList(req, ctx)))
      .on('POST', keys, (req) => this.forKeys(req, CREATE, (ctx) => handleCreateKey(req, ctx)))
      .on('POST', `${keys}/:keyId/decrypt`, (req) => this.forKeys(req, DECRYPT, (ctx) => handleDecrypt(req, ctx)))
      .on('PUT', `${keys}/:keyId`, (req) => this.forKeys(req, MANAGE, (ctx) => handleSetEnabled(req, ctx)))
      .on('DELETE', `${keys}/:keyId`, (req) => this.forKeys(req, MANAGE, (ctx) => handleDelete(req, ctx)))
      .on('POST', '/api/accounts/:accountId/invitations', (req) =>
        this.signedIn(req, (u) => handleInvite(req, u, this, this.tenant)),
      )
      .on('GET', '/api/accounts/:accountId/zones/:zoneId/users', (req) =>
        this.signedIn(req, (u) => handleZoneUsers(req, u, this, this.tenant)),
      )
      .on('DELETE', '/api/accounts/:accountId/users/:userUuid', (req) =>
        this.signedIn(req, (u) => handleRemoveUser(req, u, this, this.tenant)),
      )
      .on('GET', '/api/users/self', (req) => this.signedIn(req, handleSelf));
  }

  /** The choices this fake made where Automox's sources are silent. */
  get settings(): FakeAutomoxSettings {
    return this.tenant.settings;
  }

  /** The next `times` requests answer 429 without `Retry-After`, as Automox documents none. */
  rateLimitNext(times = 1): void {
    this.http.inject({ times, respond: { status: 429, body: { errors: ['rate limit exceeded'] } } });
  }

  /** Listens on loopback; returns the origin (the client accepts it or the `/api` root as its base URL). */
  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Adds an active user, as an administrator would in the console. */
  createUser(spec: {
    email: string;
    role: 'global-admin' | 'read-only';
    /** False models a role without `Personal API Key: Manage` (403 on create and decrypt). */
    canManageOwnKeys?: boolean;
  }): { id: number; uuid: string } {
    if (this.tenant.userByEmail(spec.email)) throw new Error(`${spec.email} already exists`);
    const admin = spec.role === 'global-admin';
    const user = this.tenant.addUser(
      spec.email,
      admin ? 'global-admin' : 'no-global-access',
      admin ? 'zone-admin' : 'read-only',
      'active',
    );
    user.canManageOwnKeys = spec.canManageOwnKeys ?? true;
    return { id: user.id, uuid: user.uuid };
  }

  /** Every user with their status, as the console's user list shows them. */
  users(): Array<{ id: number; email: string; status: string; role: string }> {
    return [...this.tenant.users.values()].map(({ id, email, status, zoneRole }) => ({
      id,
      email,
      status,
      role: zoneRole,
    }));
  }

  /** Deletes one of their own keys, as its owner would in the console. */
  deleteOwnKey(userId: number, keyId: number): void {
    this.deleteKeyAsAdmin(userId, keyId);
  }

  /** Whether a user still exists (the invite-mode revocation removes it). */
  hasUser(userId: number): boolean {
    return this.tenant.users.has(userId);
  }

  /** Creates a key as its owner would in the console, under the same rules, and returns its plaintext. */
  issueKey(userId: number, name: string, expiresAt?: Date | number): string {
    if (!this.tenant.users.has(userId)) throw new Error(`no user ${userId}`);
    const at = expiresAt === undefined ? null : new Date(expiresAt).getTime();
    const key = this.tenant.addKey(userId, name, at);
    if (isRefusal(key)) throw new Error(key.message);
    return key.secret;
  }

  /** The invited person accepts and sets up their account: `pending-invite` becomes `active`. */
  acceptInvitation(email: string): { id: number; uuid: string } {
    const user = this.tenant.userByEmail(email);
    if (!user || user.status !== 'pending-invite') throw new Error(`no pending invitation for ${email}`);
    user.status = 'active';
    return { id: user.id, uuid: user.uuid };
  }

  /** Deletes a key as an administrator would in the console (Settings → Secrets & Keys). */
  deleteKeyAsAdmin(userId: number, keyId: number): void {
    const key = this.tenant.keys.get(keyId);
    if (!key || key.userId !== userId) throw new Error(`no key ${keyId} for user ${userId}`);
    this.tenant.keys.delete(keyId);
  }

  /** A user's keys as Automox lists them, without secrets. */
  keysOf(userId: number): KeyView[] {
    return this.tenant.keysOf(userId).map((key) => this.tenant.view(key));
  }

  /** Every key plaintext ever issued, for hygiene tests that search logs and histories for them. */
  secrets(): string[] {
    return [...this.tenant.issued];
  }

  private signedIn(req: FakeRequest, action: (caller: FakeUser) => FakeResponse): FakeResponse {
    const session = this.tenant.signIn(bearerToken(req));
    return isRefusal(session) ? fail(session) : action(session.user);
  }

  /** The checks every `api_keys` route shares, in order: key (401), `?o=` (400), user (404), permission (403). */
  private forKeys(req: FakeRequest, access: KeyAccess, action: (ctx: FakeContext) => FakeResponse): FakeResponse {
    return this.signedIn(req, (caller) => {
      if (req.query.get('o') !== String(this.orgId)) {
        return fail({ status: 400, message: 'o: a valid organization id is required' });
      }
      const target = this.tenant.users.get(Number(req.params.userId));
      if (!target) return fail({ status: 404, message: 'user not found' });
      const allowed =
        caller.id === target.id || (access.who === 'owner-or-admin' && caller.accountRole === 'global-admin');
      if (!allowed) return fail({ status: 403, message: access.refusal });
      return action({ tenant: this.tenant, caller, target });
    });
  }
}
