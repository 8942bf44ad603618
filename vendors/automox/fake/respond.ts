/** Shared pieces of the fake's route handlers: error bodies, paging and what a guarded handler receives. */
import type { FakeRequest, FakeResponse } from '../../fake-kit/server';
import type { FakeTenant, FakeUser, Refusal } from './state';

/** The tenant's fixed identifiers. */
export interface TenantIds {
  orgId: number;
  accountId: string;
  zoneId: string;
}

/** What a guarded handler gets: the tenant, the signed-in user and, on `api_keys` routes, the user addressed. */
export interface FakeContext {
  tenant: FakeTenant;
  caller: FakeUser;
  target: FakeUser;
}

/** Automox's error body: `{"errors": ["<message>"]}`. */
export function fail(refusal: Refusal): FakeResponse {
  return { status: refusal.status, body: { errors: [refusal.message] } };
}

/** `page` (from 0, default 0) and `limit` (1-500, default 500), or a 400 refusal. */
export function paging(req: FakeRequest): { page: number; limit: number } | Refusal {
  const page = Number(req.query.get('page') ?? '0');
  const limit = Number(req.query.get('limit') ?? '500');
  if (!Number.isInteger(page) || page < 0) return { status: 400, message: 'page must be a whole number from 0' };
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return { status: 400, message: 'limit must be a whole number from 1 to 500' };
  }
  return { page, limit };
}
