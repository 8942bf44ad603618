/**
 * What the fake N-central does where the vendor's behaviour is undocumented or only reported by the community
 * (VENDOR-EVIDENCE §2.3, §6), so tests can run the client against each variant of the real vendor.
 */
import { userView, type FakeUser } from './directory';

/** How `/api/users/me` answers: it is undocumented, and community clients disagree on its fields. */
export type MeShape = 'data' | 'bare' | 'username' | 'email' | 'absent' | 'unreadable';

export interface FakeNCentralSettings {
  /** The status of every refused JWT or access token (undocumented: 401, 403 or 400). */
  refusalStatus: 400 | 401 | 403;
  /** A disabled user's or superseded JWT (and its access tokens) still works this long (~5 min reported). */
  revocationDelayMs: number;
  me: MeShape;
  /** Whether user JWTs name their user (`sub` = user id, `userName`); which claims real ones carry is unknown. */
  jwtUserClaims: boolean;
}

export const DEFAULT_SETTINGS: FakeNCentralSettings = {
  refusalStatus: 401,
  revocationDelayMs: 0,
  me: 'data',
  jwtUserClaims: true,
};

/** The body of a 200 from `/users/me` in the given shape, or undefined when the shape is "absent" (404). */
export function meBody(user: FakeUser, shape: MeShape): unknown {
  const view = userView(user);
  switch (shape) {
    case 'data':
      return { data: view };
    case 'bare':
      return view;
    case 'username':
      return { userId: user.userId, username: user.userName };
    case 'email':
      // An address that is not the login name, so only the id can identify the user.
      return { data: { userId: user.userId, emailAddress: `user${user.userId}@mail.example` } };
    case 'unreadable':
      return { status: 'ok' };
    case 'absent':
      return undefined;
  }
}

/**
 * Why N-central refuses `user` API access with the JWT `tokenId` right now, or undefined. Disabling the user or
 * superseding the JWT takes effect only after the revocation delay; an expired password answers 500.
 */
export function accessRefusal(
  user: FakeUser,
  tokenId: string,
  settings: FakeNCentralSettings,
): { status: number; message: string } | undefined {
  const revoked = (since: number | undefined) =>
    since !== undefined && Date.now() - since >= settings.revocationDelayMs;
  const refuse = (message: string) => ({ status: settings.refusalStatus, message });
  if (user.tokenId !== tokenId && revoked(user.retiredTokens.get(tokenId) ?? 0)) return refuse('Invalid token');
  if (!user.isEnabled && revoked(user.disabledAt)) return refuse('User account is disabled');
  if (user.twoFactorEnabled) return refuse('Two-factor authentication is enabled for this user');
  if (user.passwordExpired) return { status: 500, message: 'Internal Server Error' };
  return undefined;
}
