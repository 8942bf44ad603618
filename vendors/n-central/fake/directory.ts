/**
 * The fake N-central's users and org units: what an operator changes in the console, and the user records the
 * REST API shows (`{userId, userName, firstName, lastName, isEnabled, apiOnlyUser, twoFactorEnabled, roleIds,
 * accessGroupIds}`). No HTTP here; `server.ts` decides who may see what.
 */

/** Role ids as the fake's tenant numbers them: a read-only dashboard role, and an administrator role. */
const READ_ONLY_ROLE_ID = 1;
const ADMIN_ROLE_ID = 2;

export interface FakeUser {
  userId: number;
  userName: string;
  orgUnitId: number;
  isEnabled: boolean;
  apiOnlyUser: boolean;
  twoFactorEnabled: boolean;
  /** Whether the user's role may view users (Keywarden's verifier user needs it). */
  canListUsers: boolean;
  /** The `jti` of the user's current JWT; undefined until one is generated. */
  tokenId: string | undefined;
  /** Superseded JWTs (`jti`) and when they were superseded: they work on through the revocation delay. */
  retiredTokens: Map<string, number>;
  /** When the user was last disabled (epoch ms). */
  disabledAt: number | undefined;
  /** The password has expired: N-central answers 500 to every call with this user's JWT or tokens. */
  passwordExpired: boolean;
  /** The list shows `null` flags, as for users N-central does not manage itself (SSO, for example). */
  unmanagedFlags: boolean;
}

export interface NewFakeUser {
  userName: string;
  apiOnlyUser?: boolean;
  twoFactorEnabled?: boolean;
  /** Defaults to the directory's own org unit; another id creates that org unit. */
  orgUnitId?: number;
  /** Give the user an administrator role that may list users (as Keywarden's verifier user needs). */
  canListUsers?: boolean;
  /** Show `isEnabled`, `apiOnlyUser` and `twoFactorEnabled` as `null` in lists. */
  unmanagedFlags?: boolean;
}

export interface UserPage {
  data: Array<Record<string, unknown>>;
  pageNumber: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

/** A user as the REST API shows it. */
export function userView(user: FakeUser): Record<string, unknown> {
  const { userId, userName } = user;
  const [isEnabled, apiOnlyUser, twoFactorEnabled] = user.unmanagedFlags
    ? [null, null, null]
    : [user.isEnabled, user.apiOnlyUser, user.twoFactorEnabled];
  const roleIds = [user.canListUsers ? ADMIN_ROLE_ID : READ_ONLY_ROLE_ID];
  // The console asks for a first and last name; nothing checks them, so the fake fills in placeholders.
  return {
    userId,
    userName,
    firstName: 'API',
    lastName: 'User',
    isEnabled,
    apiOnlyUser,
    twoFactorEnabled,
    roleIds,
    accessGroupIds: [],
  };
}

export class UserDirectory {
  private readonly users = new Map<string, FakeUser>();
  private readonly orgUnits: Set<number>;
  private nextUserId = 1001;

  constructor(readonly defaultOrgUnitId: number) {
    this.orgUnits = new Set([defaultOrgUnitId]);
  }

  /** Creates a user as the console would; throws when the login name is taken (login names are unique). */
  create({
    userName,
    apiOnlyUser = true,
    twoFactorEnabled = false,
    orgUnitId,
    canListUsers = false,
    unmanagedFlags = false,
  }: NewFakeUser): FakeUser {
    if (this.users.has(userName)) throw new Error(`login name ${userName} is already taken`);
    const user: FakeUser = {
      userId: this.nextUserId++,
      userName,
      orgUnitId: orgUnitId ?? this.defaultOrgUnitId,
      isEnabled: true,
      apiOnlyUser,
      twoFactorEnabled,
      canListUsers,
      tokenId: undefined,
      retiredTokens: new Map(),
      disabledAt: undefined,
      passwordExpired: false,
      unmanagedFlags,
    };
    this.orgUnits.add(user.orgUnitId);
    this.users.set(userName, user);
    return user;
  }

  /** The user with this login name; throws, since helpers are only called with names a test created. */
  byName(userName: string): FakeUser {
    const user = this.users.get(userName);
    if (!user) throw new Error(`no user ${userName} in the fake N-central`);
    return user;
  }

  byId(userId: number): FakeUser | undefined {
    return [...this.users.values()].find((user) => user.userId === userId);
  }

  /** The user a JWT was generated for, by its `jti` (current or superseded); user JWTs need carry no user claim. */
  byTokenId(tokenId: string): FakeUser | undefined {
    return [...this.users.values()].find((user) => user.tokenId === tokenId || user.retiredTokens.has(tokenId));
  }

  /** Every user, in the order they were created (the console lists them). */
  all(): FakeUser[] {
    return [...this.users.values()];
  }

  hasOrgUnit(orgUnitId: number): boolean {
    return this.orgUnits.has(orgUnitId);
  }

  /** One page (counted from 1) of an org unit's users. */
  page(orgUnitId: number, pageNumber: number, pageSize: number): UserPage {
    const all = [...this.users.values()].filter((user) => user.orgUnitId === orgUnitId).map(userView);
    const data = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return { data, pageNumber, pageSize, totalItems: all.length, totalPages: Math.ceil(all.length / pageSize) };
  }
}
