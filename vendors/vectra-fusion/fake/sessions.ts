/**
 * The fake's token exchange: HS256 JWTs checked against the account's shared secret, answered with a
 * Keycloak-shaped token, and the bearer tokens it issued, which live until they expire (or, in the lenient
 * variant, die with their key).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bearerToken, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { verifyHs256 } from '../jwt';
import { fail, type VectraBehaviour } from './behaviour';

export interface StoredKey {
  appname: string;
  appkey: string;
  roles: string[];
  description: string;
  /** Unix seconds, as the spec documents. */
  last_login: number | null;
  last_ip: string | null;
}

interface Session {
  appname: string;
  appkey: string;
  roles: string[];
  expiresAt: number;
}

export class FakeSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly behaviour: VectraBehaviour,
    private readonly account: { shortname: string; sharedsecret: () => string; keys: Map<string, StoredKey> },
  ) {}

  exchange(req: FakeRequest): FakeResponse {
    const jwt = (req.json as { jwt?: unknown } | undefined)?.jwt;
    if (typeof jwt !== 'string') return fail(400, 'jwt is required');
    const claims = verifyHs256(jwt, this.account.sharedsecret());
    const key = typeof claims?.appname === 'string' ? this.account.keys.get(claims.appname) : undefined;
    if (!claims || !key || claims.appkey !== key.appkey || claims.shortname !== this.account.shortname) {
      const status = this.behaviour.tokenRefusalStatus;
      return fail(status, status === 401 ? 'Missing or invalid credentials' : 'Not Found');
    }
    key.last_login = Math.floor(Date.now() / 1000);
    key.last_ip = '127.0.0.1';
    const accessToken = randomBytes(24).toString('base64url');
    const lifetime = this.behaviour.tokenLifetimeSeconds;
    this.sessions.set(accessToken, {
      appname: key.appname,
      appkey: key.appkey,
      roles: [...key.roles],
      expiresAt: Date.now() + lifetime * 1000,
    });
    return { status: 200, body: keycloakToken(accessToken, lifetime) };
  }

  /** The roles behind a request's bearer token, or undefined when it is missing, expired or dead with its key. */
  rolesOf(req: FakeRequest): string[] | undefined {
    const token = bearerToken(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || session.expiresAt <= Date.now()) return undefined;
    if (this.behaviour.tokensSurviveDeletion) return session.roles;
    const key = this.account.keys.get(session.appname);
    return key && key.appkey === session.appkey ? key.roles : undefined;
  }
}

function keycloakToken(accessToken: string, lifetime: number): Record<string, unknown> {
  return {
    access_token: accessToken,
    expires_in: lifetime,
    refresh_expires_in: lifetime * 2,
    refresh_token: randomBytes(24).toString('base64url'),
    token_type: 'bearer',
    id_token: randomBytes(24).toString('base64url'),
    'not-before-policy': 0,
    'session-state': randomUUID(),
    scope: 'openid email profile',
  };
}
