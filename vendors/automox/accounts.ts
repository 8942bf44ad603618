/**
 * Automox's `/accounts/...` API (VENDOR-EVIDENCE §1.1 A7–A8, and `DELETE /accounts/{id}/users/{uuid}`, CONFIRMED):
 * invitations, a zone's users and removing a user, all with a Global Admin's key; plus `GET /users/self`
 * (COMMUNITY), which the doctor uses to find whose key it holds.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import type { VendorHttp } from '../http';
import {
  invitationSchema,
  selfSchema,
  zoneUserPageSchema,
  type AutomoxInvitation,
  type AutomoxZoneUser,
} from './schemas';
import { auth, automoxHttp, MAX_PAGES, PAGE_LIMIT, tooManyPages, type ApiKey } from './transport';

/**
 * The account role for "no account-wide access", in the order tried: Automox's own MCP server sends
 * `no-global-access` (the likelier value), the spec's request enum says `non-global-admin`.
 */
export const NO_ACCOUNT_ROLE_SPELLINGS = ['no-global-access', 'non-global-admin'] as const;
type Spelling = (typeof NO_ACCOUNT_ROLE_SPELLINGS)[number];

/** Invitations, zone users and account users of one Automox account. */
export class AutomoxAccounts {
  private readonly http: VendorHttp;
  /** The spelling Automox accepted last; remembered for the process so the fallback costs one call at most once. */
  private spelling: Spelling = NO_ACCOUNT_ROLE_SPELLINGS[0];

  constructor(baseUrl: string, dispatcher?: Dispatcher, timeoutMs = 10_000) {
    this.http = automoxHttp(baseUrl, dispatcher, timeoutMs);
  }

  /**
   * Invites `email` with no account role and the zone role `read-only`; needs a Global Admin's key. The account
   * role's spelling is disputed (see `NO_ACCOUNT_ROLE_SPELLINGS`): on 400 the other one is tried once, and the one
   * that works is kept. `conflict` (409, meaning undocumented) when the person already has a user or invitation.
   */
  async invite(
    adminKey: ApiKey,
    accountId: string,
    spec: { email: string; zoneId: string },
  ): Promise<AutomoxInvitation[]> {
    const first = this.spelling;
    try {
      return await this.inviteAs(first, adminKey, accountId, spec);
    } catch (error) {
      if (!(error instanceof VendorError && error.code === 'invalid_request')) throw error;
      const other = NO_ACCOUNT_ROLE_SPELLINGS.find((s) => s !== first) ?? first;
      const invitations = await this.inviteAs(other, adminKey, accountId, spec);
      this.spelling = other;
      return invitations;
    }
  }

  private inviteAs(
    spelling: Spelling,
    adminKey: ApiKey,
    accountId: string,
    spec: { email: string; zoneId: string },
  ): Promise<AutomoxInvitation[]> {
    const body = {
      email: spec.email,
      account_rbac_role: spelling,
      zone_assignments: [{ zone_id: spec.zoneId, rbac_role: 'read-only' }],
    };
    const path = `/accounts/${encodeURIComponent(accountId)}/invitations`;
    return this.http.json({ method: 'POST', path, headers: auth(adminKey), body }, invitationSchema.array());
  }

  /**
   * Every member of a zone, invited or active, across all pages. Pages until a short one (or an empty one), as
   * `metadata` may be missing; when it is there, its `total_pages` saves the last call.
   */
  async listZoneUsers(adminKey: ApiKey, accountId: string, zoneId: string): Promise<AutomoxZoneUser[]> {
    const base = `/accounts/${encodeURIComponent(accountId)}/zones/${encodeURIComponent(zoneId)}/users`;
    const users: AutomoxZoneUser[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ page: String(page), limit: String(PAGE_LIMIT) });
      const body = await this.http.json(
        { method: 'GET', path: `${base}?${query.toString()}`, headers: auth(adminKey) },
        zoneUserPageSchema,
      );
      users.push(...body.data);
      const totalPages = body.metadata?.total_pages;
      const last = typeof totalPages === 'number' && page + 1 >= totalPages;
      if (body.data.length < PAGE_LIMIT || last) return users;
    }
    throw tooManyPages('zone users');
  }

  /** Removes a user from the account (204), their keys with them; `absent` when already gone (404). */
  async removeUser(adminKey: ApiKey, accountId: string, userUuid: string): Promise<'removed' | 'absent'> {
    const path = `/accounts/${encodeURIComponent(accountId)}/users/${encodeURIComponent(userUuid)}`;
    const status = await this.http.status({ method: 'DELETE', path, headers: auth(adminKey) }, [404]);
    return status === 404 ? 'absent' : 'removed';
  }

  /** The user a key belongs to (`GET /users/self`, COMMUNITY): its numeric id. */
  async self(key: ApiKey): Promise<{ id: number }> {
    const body = await this.http.json({ method: 'GET', path: '/users/self', headers: auth(key) }, selfSchema);
    return { id: body.id };
  }
}
