/**
 * A faithful fake of Vectra Fusion's API (see VENDORS.md): HS256 token exchange against the account's shared
 * secret, the api-keys endpoints with their bodies and `{status, name, message}` errors, unique appnames, one
 * role per key, admin-only key management, and deleted or regenerated keys refused.
 */
import { randomBytes } from 'node:crypto';
import { bearerToken, FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { verifyHs256 } from '../jwt';
import { encodeNetosecret } from '../netosecret';

interface StoredKey {
  appname: string;
  appkey: string;
  roles: string[];
  description: string;
  last_login: string | null;
  last_ip: string | null;
}

const ROLES = ['admin', 'readonly'];
const APPNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function fail(status: number, name: string, message: string): FakeResponse {
  return { status, body: { status, name, message } };
}

function publicView(key: StoredKey): Omit<StoredKey, 'appkey'> {
  const { appkey: _hidden, ...rest } = key;
  return rest;
}

export class FakeVectraFusion {
  readonly http = new FakeHttpServer(() => fail(404, 'NotFound', 'Route not found'));
  readonly shortname = 'acme';
  private readonly sharedsecret = randomBytes(24).toString('base64url');
  private readonly keys = new Map<string, StoredKey>();
  private readonly tokens = new Map<string, { appname: string; appkey: string }>();
  private readonly issued: string[] = [];
  private baseUrl = '';

  constructor() {
    this.http
      .on('POST', '/api/v1/auth/token', (req) => this.exchange(req))
      .on('GET', '/api/v1/api-keys', (req) => this.asAdmin(req, () => this.list()))
      .on('POST', '/api/v1/api-keys', (req) => this.asAdmin(req, () => this.create(req)))
      .on('GET', '/api/v1/api-keys/:appname', (req) => this.asAdmin(req, () => this.get(req)))
      .on('PUT', '/api/v1/api-keys/:appname', (req) => this.asAdmin(req, () => this.update(req)))
      .on('PUT', '/api/v1/api-keys/:appname/regen', (req) => this.asAdmin(req, () => this.regen(req)))
      .on('DELETE', '/api/v1/api-keys/:appname', (req) => this.asAdmin(req, () => this.remove(req)));
  }

  async start(port = 0): Promise<string> {
    this.baseUrl = await this.http.start(port);
    return this.baseUrl;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Creates a key directly in the account (as the UI would) and returns its netosecret. */
  issueNetosecret(appname: string, role: 'admin' | 'readonly'): string {
    const key = this.store(appname, role, 'created in the UI');
    return encodeNetosecret({
      url: this.baseUrl,
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

  /** Keys that currently exist, without their secrets. */
  listKeys(): Array<Omit<StoredKey, 'appkey'>> {
    return [...this.keys.values()].map(publicView);
  }

  /** Every secret this fake has issued or holds, for hygiene tests that search logs and histories for them. */
  secrets(): string[] {
    return [this.sharedsecret, ...this.issued];
  }

  private store(appname: string, role: string, description: string): StoredKey {
    const key: StoredKey = {
      appname,
      appkey: randomBytes(18).toString('base64url'),
      roles: [role],
      description,
      last_login: null,
      last_ip: null,
    };
    this.keys.set(appname, key);
    this.issued.push(key.appkey);
    return key;
  }

  private exchange(req: FakeRequest): FakeResponse {
    const jwt = (req.json as { jwt?: unknown } | undefined)?.jwt;
    if (typeof jwt !== 'string') return fail(400, 'BadRequest', 'jwt is required');
    const claims = verifyHs256(jwt, this.sharedsecret);
    const key = typeof claims?.appname === 'string' ? this.keys.get(claims.appname) : undefined;
    if (!claims || !key || claims.appkey !== key.appkey || claims.shortname !== this.shortname) {
      return fail(401, 'Unauthorized', 'Invalid API credentials');
    }
    key.last_login = new Date().toISOString();
    key.last_ip = '127.0.0.1';
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { appname: key.appname, appkey: key.appkey });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        expires_in: 3600,
        refresh_token: randomBytes(24).toString('base64url'),
        token_type: 'bearer',
        shortname: this.shortname,
      },
    };
  }

  /** Runs `action` only for a bearer token of a live admin key; a deleted or regenerated key's tokens die with it. */
  private asAdmin(req: FakeRequest, action: () => FakeResponse): FakeResponse {
    const token = bearerToken(req);
    const session = token ? this.tokens.get(token) : undefined;
    const key = session ? this.keys.get(session.appname) : undefined;
    if (!session || !key || key.appkey !== session.appkey) return fail(401, 'Unauthorized', 'Invalid or expired token');
    if (!key.roles.includes('admin'))
      return fail(403, 'Forbidden', 'This API key does not have permission to manage API keys');
    return action();
  }

  private list(): FakeResponse {
    const data = this.listKeys();
    return { status: 200, body: { meta: { code: 200, count: data.length }, data } };
  }

  private create(req: FakeRequest): FakeResponse {
    const body = (req.json ?? {}) as { appname?: unknown; roles?: unknown; description?: unknown };
    if (typeof body.appname !== 'string' || !APPNAME.test(body.appname)) {
      return fail(400, 'BadRequest', 'appname is required: 1-64 letters, digits, dot, dash or underscore');
    }
    if (!Array.isArray(body.roles) || body.roles.length !== 1 || !ROLES.includes(String(body.roles[0]))) {
      return fail(400, 'BadRequest', `roles must hold exactly one of: ${ROLES.join(', ')}`);
    }
    if (this.keys.has(body.appname)) return fail(409, 'Conflict', `API key ${body.appname} already exists`);
    const key = this.store(
      body.appname,
      String(body.roles[0]),
      typeof body.description === 'string' ? body.description : '',
    );
    return { status: 201, body: { meta: { code: 201 }, data: key } };
  }

  private get(req: FakeRequest): FakeResponse {
    const key = this.keys.get(req.params.appname ?? '');
    if (!key) return fail(404, 'NotFound', `API key ${req.params.appname} not found`);
    return { status: 200, body: { meta: { code: 200 }, data: publicView(key) } };
  }

  private update(req: FakeRequest): FakeResponse {
    const key = this.keys.get(req.params.appname ?? '');
    if (!key) return fail(404, 'NotFound', `API key ${req.params.appname} not found`);
    const body = (req.json ?? {}) as { roles?: unknown; description?: unknown };
    if (body.roles !== undefined) {
      if (!Array.isArray(body.roles) || body.roles.length !== 1 || !ROLES.includes(String(body.roles[0]))) {
        return fail(400, 'BadRequest', `roles must hold exactly one of: ${ROLES.join(', ')}`);
      }
      key.roles = [String(body.roles[0])];
    }
    if (typeof body.description === 'string') key.description = body.description;
    return { status: 200, body: { meta: { code: 200 }, data: publicView(key) } };
  }

  private regen(req: FakeRequest): FakeResponse {
    const key = this.keys.get(req.params.appname ?? '');
    if (!key) return fail(404, 'NotFound', `API key ${req.params.appname} not found`);
    key.appkey = randomBytes(18).toString('base64url');
    this.issued.push(key.appkey);
    return { status: 200, body: { meta: { code: 200 }, data: key } };
  }

  private remove(req: FakeRequest): FakeResponse {
    if (!this.keys.delete(req.params.appname ?? ''))
      return fail(404, 'NotFound', `API key ${req.params.appname} not found`);
    return { status: 204 };
  }
}
