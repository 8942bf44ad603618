/**
 * A faithful fake of the N-central REST calls Keywarden uses (VENDORS.md), plus helpers that play the operator in
 * N-central's console (create a user, generate or regenerate its JWT, disable it, toggle two-factor).
 *
 * Rules it enforces, and the choices made where N-central's behaviour is not documented (see `settings.ts` for
 * the undocumented ones a test can change):
 * - User JWTs are HS256 tokens signed with the fake's own secret (`jti`, `iat`, `exp`, and unless told otherwise
 *   `sub` = user id and `userName`). Only a user's latest JWT works: generating a new one ("regenerate") makes the
 *   previous one refused, after the revocation delay.
 * - `authenticate` refuses (`refusalStatus`) a forged, expired or superseded JWT, a disabled user, and a user with
 *   two-factor authentication on (the seed warns the API does not work with 2FA). A user who is not API-only may
 *   still sign in; Keywarden's check must flag that itself. A user whose password expired gets 500 on every call.
 * - Access tokens last 3600 s and die with their user: disabling it, turning 2FA on or regenerating its JWT
 *   revokes them. Refresh tokens are issued, as documented, but `/auth/refresh` is not served.
 * - Listing users needs a caller whose role may view users (`canListUsers`; 403 otherwise) and a known org unit
 *   (404 otherwise); pages count from 1, `pageSize` is 1..1000.
 * - Each endpoint caps concurrent in-flight requests and, when set, calls per time window (429 `{status,
 *   message}` while over, no `Retry-After`).
 * - Every error body is `{status, message}`, except errors a test puts inside a 200 (`{"error message": ...}`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bearerToken, FakeHttpServer, type FakeRequest, type FakeResponse } from '../../fake-kit/server';
import { signHs256, verifyHs256 } from './hs256';
import { UserDirectory, type FakeUser, type NewFakeUser } from './directory';
import { ConcurrencyLimits } from './limits';
import { accessRefusal, DEFAULT_SETTINGS, meBody, type FakeNCentralSettings } from './settings';

export type { NewFakeUser } from './directory';
export type { FakeNCentralSettings, MeShape } from './settings';

export const N_CENTRAL_ROUTES = {
  authenticate: '/api/auth/authenticate',
  me: '/api/users/me',
  users: '/api/org-units/:orgUnitId/users',
} as const;
export type NCentralRoute = (typeof N_CENTRAL_ROUTES)[keyof typeof N_CENTRAL_ROUTES];

/** Within the documented 3–50 range; the user list is the tightest, as list endpoints tend to be. */
const DEFAULT_LIMITS: Record<NCentralRoute, number> = {
  [N_CENTRAL_ROUTES.authenticate]: 10,
  [N_CENTRAL_ROUTES.me]: 10,
  [N_CENTRAL_ROUTES.users]: 3,
};
const ACCESS_SECONDS = 3_600;
const REFRESH_SECONDS = 90_000;
/** N-central lets the operator choose a JWT's lifetime; the fake defaults to 90 days. */
const DEFAULT_JWT_LIFETIME_MS = 90 * 86_400_000;

interface Session {
  userId: number;
  tokenId: string;
  expiresAt: number;
}

function fail(status: number, message: string): FakeResponse {
  return { status, body: { status, message } };
}

export class FakeNCentral {
  readonly http = new FakeHttpServer(() => fail(404, 'Resource not found'));
  /** The org unit users are created in unless told otherwise. */
  readonly orgUnitId = 50;
  private readonly signingSecret = randomBytes(32).toString('base64url');
  private readonly directory = new UserDirectory(this.orgUnitId);
  private readonly sessions = new Map<string, Session>();
  private readonly issued: string[] = [];
  private readonly limits = new ConcurrencyLimits(DEFAULT_LIMITS);
  /** Undocumented behaviours; tests change them directly. */
  readonly settings: FakeNCentralSettings;

  constructor(settings: Partial<FakeNCentralSettings> = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.route('POST', N_CENTRAL_ROUTES.authenticate, (req) => this.authenticate(req));
    this.route('GET', N_CENTRAL_ROUTES.me, (req) => this.asUser(req, (me) => this.me(me)));
    this.route('GET', N_CENTRAL_ROUTES.users, (req) => this.asUser(req, (me) => this.listUsers(req, me)));
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Creates a user as an operator would in the console. Throws when the login name is taken. */
  createUser(user: NewFakeUser): { userId: number } {
    return { userId: this.directory.create(user).userId };
  }

  /** "Generate JSON Web Token": returns the plaintext JWT; the user's previous JWT (and its sessions) stop working. */
  generateJwt(userName: string, { expiresInMs = DEFAULT_JWT_LIFETIME_MS }: { expiresInMs?: number } = {}): string {
    const user = this.directory.byName(userName);
    if (user.tokenId) user.retiredTokens.set(user.tokenId, Date.now());
    user.tokenId = randomUUID();
    const iat = Math.floor(Date.now() / 1000);
    const exp = Math.floor((Date.now() + expiresInMs) / 1000);
    const names = this.settings.jwtUserClaims ? { sub: String(user.userId), userName } : {};
    const jwt = signHs256({ ...names, jti: user.tokenId, iat, exp }, this.signingSecret);
    this.issued.push(jwt);
    return jwt;
  }

  /** Every user as the console lists it (login name, id and flags; never a token). */
  users(): Array<Pick<FakeUser, 'userId' | 'userName' | 'isEnabled' | 'apiOnlyUser' | 'twoFactorEnabled'>> {
    return this.directory.all().map(({ userId, userName, isEnabled, apiOnlyUser, twoFactorEnabled }) => ({
      userId,
      userName,
      isEnabled,
      apiOnlyUser,
      twoFactorEnabled,
    }));
  }

  disableUser(userName: string): void {
    const user = this.directory.byName(userName);
    user.isEnabled = false;
    user.disabledAt = Date.now();
  }

  /** The user's password expires (field reports: every ~90 days): 500 on every call with its JWT or tokens. */
  expirePassword(userName: string, expired = true): void {
    this.directory.byName(userName).passwordExpired = expired;
  }

  /** The next `times` requests to `route` get `{"error message": message}` inside a 200 (reported by the community). */
  errorInside200(route: NCentralRoute, message: string, times = 1): void {
    const path = new RegExp(`^${route.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
    this.http.inject({ path, times, respond: { status: 200, body: { 'error message': message } } });
  }

  /** At most `calls` requests to `route` in any `perMs` (429 without `Retry-After` beyond); undefined lifts it. */
  setRateWindow(route: NCentralRoute, window: { calls: number; perMs: number } | undefined): void {
    this.limits.setWindow(route, window);
  }

  setTwoFactor(userName: string, on: boolean): void {
    this.directory.byName(userName).twoFactorEnabled = on;
  }

  setConcurrencyLimit(route: NCentralRoute, limit: number): void {
    this.limits.set(route, limit);
  }

  /** Holds requests to `route` in flight until the returned function is called (to fill its concurrency limit). */
  pause(route: NCentralRoute): () => void {
    return this.limits.pause(route);
  }

  /** Requests to `route` being handled right now. */
  inFlight(route: NCentralRoute): number {
    return this.limits.count(route);
  }

  /** Every secret this fake has issued or holds, for hygiene tests that search logs and histories for them. */
  secrets(): string[] {
    return [this.signingSecret, ...this.issued];
  }

  private route(method: string, path: NCentralRoute, handler: (req: FakeRequest) => FakeResponse): void {
    const over = (which: string) =>
      fail(429, which === 'window' ? `Rate limit exceeded for ${path}` : `Too many concurrent requests to ${path}`);
    this.http.on(method, path, this.limits.wrap(path, handler, over));
  }

  private refuse(message: string): FakeResponse {
    return fail(this.settings.refusalStatus, message);
  }

  /** Why N-central refuses this user and JWT (`jti`) API access right now, or undefined. */
  private refusal(user: FakeUser, tokenId: string): FakeResponse | undefined {
    const refused = accessRefusal(user, tokenId, this.settings);
    return refused && fail(refused.status, refused.message);
  }

  private authenticate(req: FakeRequest): FakeResponse {
    const jwt = bearerToken(req);
    const claims = jwt ? verifyHs256(jwt, this.signingSecret) : undefined;
    if (!claims || typeof claims.jti !== 'string') return this.refuse('Invalid token');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return this.refuse('Token has expired');
    const user = this.directory.byTokenId(claims.jti);
    if (!user) return this.refuse('Invalid token');
    const refused = this.refusal(user, claims.jti);
    if (refused) return refused;
    const [access, refresh] = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
    this.sessions.set(access, {
      userId: user.userId,
      tokenId: claims.jti,
      expiresAt: Date.now() + ACCESS_SECONDS * 1000,
    });
    this.issued.push(access, refresh);
    const tokens = {
      access: { token: access, type: 'Bearer', expirySeconds: ACCESS_SECONDS },
      refresh: { token: refresh, type: 'Body', expirySeconds: REFRESH_SECONDS },
    };
    return { status: 200, body: { tokens } };
  }

  /** Runs `action` for the user of a live access token; the token dies with its user's JWT or access. */
  private asUser(req: FakeRequest, action: (user: FakeUser) => FakeResponse): FakeResponse {
    const token = bearerToken(req);
    const session = token ? this.sessions.get(token) : undefined;
    const user = session ? this.directory.byId(session.userId) : undefined;
    if (!session || !user || session.expiresAt <= Date.now()) return this.refuse('Invalid or expired access token');
    return this.refusal(user, session.tokenId) ?? action(user);
  }

  private me(user: FakeUser): FakeResponse {
    const body = meBody(user, this.settings.me);
    return body === undefined ? fail(404, 'Resource not found') : { status: 200, body };
  }

  private listUsers(req: FakeRequest, caller: FakeUser): FakeResponse {
    if (!caller.canListUsers) return fail(403, 'Access denied: your role does not allow viewing users');
    const orgUnitId = Number(req.params.orgUnitId);
    if (!this.directory.hasOrgUnit(orgUnitId)) return fail(404, `Org unit ${req.params.orgUnitId} not found`);
    const pageNumber = Number(req.query.get('pageNumber') ?? '1');
    const pageSize = Number(req.query.get('pageSize') ?? '50');
    if (!Number.isInteger(pageNumber) || pageNumber < 1) return fail(400, 'pageNumber must be a positive integer');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return fail(400, 'pageSize must be between 1 and 1000');
    }
    return { status: 200, body: this.directory.page(orgUnitId, pageNumber, pageSize) };
  }
}
