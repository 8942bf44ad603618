/**
 * The fake's `/accounts/...` handlers (Global Admin only): invitations, a zone's users (paged) and removing a
 * user; plus `/users/self`.
 */
import { randomUUID } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '../../fake-kit/server';
import { formatAutomoxTime } from '../time';
import { fail, paging, type TenantIds } from './respond';
import { isRefusal, type FakeTenant, type FakeUser } from './state';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account role an invitation asks for, stored as responses spell it; only one "no role" spelling is accepted. */
function accountRoleOf(requested: unknown, tenant: FakeTenant): string | undefined {
  if (requested === 'global-admin') return 'global-admin';
  return requested === tenant.settings.accountRoleSpelling ? 'no-global-access' : undefined;
}
const ZONE_ROLES = ['read-only', 'zone-admin', 'zone-operator', 'patch-operator', 'billing-admin'];

interface InvitationBody {
  email?: unknown;
  account_rbac_role?: unknown;
  zone_assignments?: unknown;
}

/** The zone role an invitation asks for in the fake's zone, or why the body is refused. */
function zoneRoleOf(body: InvitationBody, zoneId: string): string | { status: 400; message: string } {
  const assignments = Array.isArray(body.zone_assignments) ? (body.zone_assignments as unknown[]) : [];
  const assignment = assignments[0] as { zone_id?: unknown; rbac_role?: unknown } | undefined;
  if (assignments.length !== 1 || !assignment) {
    return { status: 400, message: 'zone_assignments must name exactly one zone' };
  }
  if (assignment.zone_id !== zoneId) return { status: 400, message: `unknown zone ${String(assignment.zone_id)}` };
  const role = String(assignment.rbac_role);
  return ZONE_ROLES.includes(role) ? role : { status: 400, message: `unknown zone role ${role}` };
}

/** Global Admin only; 409 when the address already has a user or an open invitation. */
export function handleInvite(req: FakeRequest, caller: FakeUser, ids: TenantIds, tenant: FakeTenant): FakeResponse {
  if (req.params.accountId !== ids.accountId) return fail({ status: 404, message: 'account not found' });
  if (caller.accountRole !== 'global-admin') {
    return fail({ status: 403, message: 'inviting users needs the Global Admin role' });
  }
  const body = (req.json ?? {}) as InvitationBody;
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  if (!EMAIL.test(email)) return fail({ status: 400, message: 'email must be an email address' });
  const accountRole = accountRoleOf(body.account_rbac_role, tenant);
  if (!accountRole) return fail({ status: 400, message: 'account_rbac_role is not a known account role' });
  const zoneRole = zoneRoleOf(body, ids.zoneId);
  if (typeof zoneRole !== 'string') return fail(zoneRole);
  const existing = tenant.userByEmail(email);
  if (existing && tenant.settings.existingUserInvite === 409) {
    return fail({ status: 409, message: `${email} already has a user or an open invitation` });
  }
  if (!existing) tenant.addUser(email, accountRole, zoneRole, 'pending-invite');
  const invitation = {
    id: randomUUID(),
    account_id: ids.accountId,
    account_rbac_role: accountRole,
    // The spec: "Email address if the user does not exist yet".
    ...(existing ? {} : { email }),
    zones: [{ id: ids.zoneId, rbac_role: zoneRole }],
    created_at: formatAutomoxTime(Date.now()),
  };
  return { status: 201, body: [invitation] };
}

/** `{data, metadata}`: every user of the zone (all users of the fake are in its one zone), one page. */
export function handleZoneUsers(req: FakeRequest, caller: FakeUser, ids: TenantIds, tenant: FakeTenant): FakeResponse {
  if (req.params.accountId !== ids.accountId) return fail({ status: 404, message: 'account not found' });
  if (req.params.zoneId !== ids.zoneId) return fail({ status: 404, message: 'zone not found' });
  if (caller.accountRole !== 'global-admin') {
    return fail({ status: 403, message: 'listing users needs the Global Admin role' });
  }
  const pages = paging(req);
  if (isRefusal(pages)) return fail(pages);
  const all = [...tenant.users.values()];
  const data = all.slice(pages.page * pages.limit, (pages.page + 1) * pages.limit).map((user) => ({
    id: user.id,
    uuid: user.uuid,
    email: user.email,
    status: user.status,
    zone_rbac_role: user.zoneRole,
    account_rbac_role: user.accountRole,
  }));
  if (!tenant.settings.zoneUserMetadata) return { status: 200, body: { data } };
  const metadata = {
    total_pages: Math.ceil(all.length / pages.limit),
    current_page: pages.page,
    limit: pages.limit,
    total_count: all.length,
  };
  return { status: 200, body: { data, metadata } };
}

/** `DELETE /accounts/{id}/users/{uuid}`: Global Admin only; 204, the user's keys go with them; 404 when unknown. */
export function handleRemoveUser(req: FakeRequest, caller: FakeUser, ids: TenantIds, tenant: FakeTenant): FakeResponse {
  if (req.params.accountId !== ids.accountId) return fail({ status: 404, message: 'account not found' });
  if (caller.accountRole !== 'global-admin') {
    return fail({ status: 403, message: 'removing users needs the Global Admin role' });
  }
  const user = [...tenant.users.values()].find((u) => u.uuid === req.params.userUuid);
  if (!user) return fail({ status: 404, message: 'user not found' });
  tenant.removeUser(user);
  return { status: 204 };
}

/** `GET /users/self`: the signed-in key's own user. */
export function handleSelf(caller: FakeUser): FakeResponse {
  return { status: 200, body: { id: caller.id, email: caller.email, firstname: 'Fake', lastname: 'User' } };
}
