/**
 * Whose JWT is this? N-central documents no call that names the caller, so two hints are weighed against the
 * org unit's users as the verifier lists them (CONFIRMED): the undocumented `/users/me` (COMMUNITY), and the
 * JWT's own claims (which claims N-central puts in a user's JWT is UNVERIFIED). A hint that names no listed user
 * decides nothing, so an unexpected claim can never refuse a good token; a hint naming another listed user does.
 */
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { AccessToken, NCentralClient, NCentralUser } from './client';
import { decodeJwtPayload } from './jwt';

export type Ownership =
  | { kind: 'theirs' }
  /** `who` names the other user, safe to show. */
  | { kind: 'other'; who: string }
  /** Neither hint said whose token it is. */
  | { kind: 'unknown' };

/** Claims that could name a user; `sub` may be an id or a login name, so every value is tried as either. */
const USER_CLAIMS = ['sub', 'userId', 'userName', 'username', 'email', 'preferred_username'] as const;

/** Whether the token signed in as `token` belongs to the user `userName`, judged against the listed `users`. */
export async function ownership(
  client: NCentralClient,
  token: AccessToken,
  jwt: SecretText,
  userName: string,
  users: readonly NCentralUser[],
): Promise<Ownership> {
  const expected = users.find((user) => user.userName === userName);
  const me = await meOrNothing(client, token);
  if (me.userId === undefined && me.userName === undefined) {
    return fromClaims(decodeJwtPayload(jwt.reveal()) ?? {}, userName, users);
  }
  // `/users/me` answers for the session itself, so when it names someone, that decides: by id when both sides
  // have one (ids are unique), else by login name.
  const theirs = me.userId !== undefined && expected ? me.userId === expected.userId : sameLogin(me.userName, userName);
  if (theirs) return { kind: 'theirs' };
  const listed = users.find((user) => user.userId === me.userId || sameLogin(me.userName, user.userName));
  if (listed) return { kind: 'other', who: listed.userName };
  return me.userName === undefined ? { kind: 'unknown' } : { kind: 'other', who: me.userName };
}

function fromClaims(claims: Record<string, unknown>, userName: string, users: readonly NCentralUser[]): Ownership {
  const handles = USER_CLAIMS.map((name) => claims[name])
    .filter((value) => typeof value === 'string' || typeof value === 'number')
    .map(String);
  const names = (user: NCentralUser) => handles.some((h) => h === user.userId || sameLogin(h, user.userName));
  const expected = users.find((user) => user.userName === userName);
  if (expected ? names(expected) : handles.some((h) => sameLogin(h, userName))) return { kind: 'theirs' };
  const other = users.find(names);
  return other ? { kind: 'other', who: other.userName } : { kind: 'unknown' };
}

/** `/users/me`'s answer, or nothing when it is missing, refused or unreadable; outages and 429 are thrown. */
async function meOrNothing(
  client: NCentralClient,
  token: AccessToken,
): Promise<Awaited<ReturnType<NCentralClient['me']>>> {
  try {
    return await client.me(token);
  } catch (error) {
    if (error instanceof VendorError && !error.retryable) return {};
    throw error;
  }
}

/** Login names may be e-mail addresses, which compare without regard to case. */
function sameLogin(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
