/**
 * A fake of Vectra Fusion's API (VENDOR-EVIDENCE §3): HS256 token exchange against the account's shared secret,
 * the api-keys endpoints with their bodies and `{status, name, message}` errors, unique appnames, one role per key,
 * admin-only key management. What the sources leave open is a setting (`behaviour`), strict by default.
 */
import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { encodeNetosecret } from '../netosecret';
import { fail, STRICT_BEHAVIOUR, type VectraBehaviour } from './behaviour';
import { FakeSessions, type StoredKey } from './sessions';

export { LENIENT_BEHAVIOUR, STRICT_BEHAVIOUR, type VectraBehaviour } from './behaviour';

const ROLES = ['admin', 'readonly'];
const APPNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function publicView(key: StoredKey): Omit<StoredKey, 'appkey'> {
  const { appkey: _hidden, ...rest } = key;
  return rest;
}

function badRoles(roles: unknown): boolean {
  return !Array.isArray(roles) || roles.length !== 1 || !ROLES.includes(String(roles[0]));
}

export class FakeVectraFusion {
  readonly http = new FakeHttpServer(() => fail(404, 'Route not found'));
  readonly shortname = 'acme';
  /** Mutable: tests may change a setting between calls. */
  readonly behaviour: VectraBehaviour;
  private sharedsecret = randomBytes(24).toString('base64url');
  private readonly keys = new Map<string, StoredKey>();
  private readonly issued: string[] = [this.sharedsecret];
  private readonly sessions: FakeSessions;
  private baseUrl = '';

  constructor(behaviour: Partial<VectraBehaviour> = {}) {
    this.behaviour = { ...STRICT_BEHAVIOUR, ...behaviour };
    this.sessions = new FakeSessions(this.behaviour, {
      shortname: this.shortname,
      sharedsecret: () => this.sharedsecret,
      keys: this.keys,
    });
    const v1 = '/api/v1';
    this.http
      .on('POST', `${v1}/auth/token`, (req) => this.sessions.exchange(req))
      .on('GET', `${v1}/roles`, (req) => this.signedIn(req, () => this.roles()))
      .on('GET', `${v1}/api-keys`, (req) => this.asAdmin(req, () => this.list()))
      .on('POST', `${v1}/api-keys`, (req) => this.asAdmin(req, () => this.create(req)))
      .on('GET', `${v1}/api-keys/:appname`, (req) => this.asAdmin(req, () => this.withKey(req, (k) => ok(k))))
      .on('PUT', `${v1}/api-keys/:appname/regen`, (req) =>
        this.asAdmin(req, () => this.withKey(req, (k) => this.regen(req, k))),
      )
      .on('DELETE', `${v1}/api-keys/:appname`, (req) =>
        this.asAdmin(req, () => this.withKey(req, (k) => this.remove(k))),
      );
  }

  async start(port = 0): Promise<string> {
    this.baseUrl = await this.http.start(port);
    return this.baseUrl;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Creates a key directly in the account (as the UI would) and returns its netosecret (`url` ends in `/api/v1`). */
  issueNetosecret(appname: string, role: 'admin' | 'readonly'): string {
    const key = this.store(appname, role, 'created in the UI');
    return encodeNetosecret({
      url: `${this.baseUrl}/api/v1`,
      shortname: this.shortname,
      appname,
      sharedsecret: this.sharedsecret,
      appkey: key.appkey,
    });
  }

  /** Deletes a key as an administrator would in the UI, outside Keywarden. */
  removeKey(appname: string): void {
    if (!this.keys.delete(appname)) throw new Error(`no key ${appname}`);
  }

  /** An administrator regenerates the account's API shared secret: every netosecret issued so far stops working. */
  regenerateSharedSecret(): void {
    this.sharedsecret = randomBytes(24).toString('base64url');
    this.issued.push(this.sharedsecret);
  }

  /** The next `times` calls answer 429 with no `Retry-After` (Vectra publishes neither limits nor the header). */
  throttle(times = 1): void {
    this.http.inject({ times, respond: fail(429, 'Too many requests', 'TooManyRequests') });
  }

  /** Keys that currently exist, without their secrets. */
  listKeys(): Array<Omit<StoredKey, 'appkey'>> {
    return [...this.keys.values()].map(publicView);
  }

  /** Every secret this fake has issued or holds, for hygiene tests that search logs and histories for them. */
  secrets(): string[] {
    return [...this.issued];
  }

  private store(appname: string, role: string, description: string): StoredKey {
    const appkey = randomBytes(18).toString('base64url');
    const key: StoredKey = { appname, appkey, roles: [role], description, last_login: null, last_ip: null };
    this.keys.set(appname, key);
    this.issued.push(appkey);
    return key;
  }

  private signedIn(req: FakeRequest, action: () => FakeResponse): FakeResponse {
    return this.sessions.rolesOf(req) ? action() : fail(401, 'Access token is missing or invalid', 'Unauthorized');
  }

  /** Runs `action` only for a live token of an admin key. */
  private asAdmin(req: FakeRequest, action: () => FakeResponse): FakeResponse {
    const roles = this.sessions.rolesOf(req);
    if (!roles) return fail(401, 'Access token is missing or invalid', 'Unauthorized');
    if (!roles.includes('admin')) return fail(403, 'Access is forbidden', 'Forbidden');
    return action();
  }

  private withKey(req: FakeRequest, action: (key: StoredKey) => FakeResponse): FakeResponse {
    const key = this.keys.get(req.params.appname ?? '');
    if (key) return action(key);
    const status = this.behaviour.unknownAppnameStatus;
    return fail(status, status === 500 ? 'Internal Server Error' : `API key ${req.params.appname} not found`);
  }

  private roles(): FakeResponse {
    const data = ROLES.map((name) => ({ id: name, name, description: `${name} role`, system: true, permissions: [] }));
    return { status: 200, body: { meta: { code: 200, count: data.length }, data } };
  }

  private list(): FakeResponse {
    const data = this.listKeys();
    return { status: 200, body: { meta: { code: 200, count: data.length }, data } };
  }

  private create(req: FakeRequest): FakeResponse {
    const body = (req.json ?? {}) as { appname?: unknown; roles?: unknown; description?: unknown };
    if (typeof body.appname !== 'string' || !APPNAME.test(body.appname)) {
      return fail(400, 'appname is required: 1-64 letters, digits, dot, dash or underscore');
    }
    if (badRoles(body.roles)) return fail(400, `roles must hold exactly one of: ${ROLES.join(', ')}`);
    if (this.keys.has(body.appname))
      return fail(this.behaviour.duplicateStatus, `API key ${body.appname} already exists`);
    const description = typeof body.description === 'string' ? body.description : '';
    const key = this.store(body.appname, String((body.roles as unknown[])[0]), description);
    return { status: 201, body: { meta: { code: 201, count: 1 }, data: key } };
  }

  /** Regen is documented as an update with the complete object: the body's roles and description are applied. */
  private regen(req: FakeRequest, key: StoredKey): FakeResponse {
    const body = req.json as { roles?: unknown; description?: unknown } | undefined;
    if (this.behaviour.regenRequiresBody && (typeof body !== 'object' || body === null)) {
      return fail(400, 'request body is required');
    }
    if (body?.roles !== undefined && badRoles(body.roles)) {
      return fail(400, `roles must hold exactly one of: ${ROLES.join(', ')}`);
    }
    if (Array.isArray(body?.roles)) key.roles = [String(body.roles[0])];
    if (typeof body?.description === 'string') key.description = body.description;
    key.appkey = randomBytes(18).toString('base64url');
    this.issued.push(key.appkey);
    return { status: 200, body: { meta: { code: 200, count: 1 }, data: key } };
  }

  private remove(key: StoredKey): FakeResponse {
    this.keys.delete(key.appname);
    return { status: 204 };
  }
}

function ok(key: StoredKey): FakeResponse {
  return { status: 200, body: { meta: { code: 200, count: 1 }, data: publicView(key) } };
}
