/** The fake's `/users/{userId}/api_keys` handlers; who may call them is checked before they run. */
import type { FakeRequest, FakeResponse } from '../../fake-kit/server';
import { parseAutomoxTime } from '../time';
import { fail, paging, type FakeContext } from './respond';
import { isRefusal, type FakeKey } from './state';

/** Automox's own `expires_at` form; the fake is strict about it so the client's formatting is tested. */
const EXPIRES_AT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;
const NAME_MAX = 100;

function keyOf(req: FakeRequest, ctx: FakeContext): FakeKey | undefined {
  const key = ctx.tenant.keys.get(Number(req.params.keyId));
  return key && key.userId === ctx.target.id ? key : undefined;
}

const NO_KEY = fail({ status: 404, message: 'API key not found' });
/** A role without `Personal API Key: Manage` may neither create nor decrypt its own keys (Managing Keys docs). */
const NO_MANAGE = fail({ status: 403, message: 'the Personal API Key: Manage permission is required' });

/** Legacy list shape: `{size, results}`, one page of `limit` keys from `page` 0. */
export function handleList(req: FakeRequest, ctx: FakeContext): FakeResponse {
  const pages = paging(req);
  if (isRefusal(pages)) return fail(pages);
  const all = ctx.tenant.keysOf(ctx.target.id);
  const results = all.slice(pages.page * pages.limit, (pages.page + 1) * pages.limit);
  return { status: 200, body: { size: all.length, results: results.map((key) => ctx.tenant.view(key)) } };
}

/** Owner only; name required and unique, optional `expires_at` in the future, at most 10 keys. */
export function handleCreateKey(req: FakeRequest, ctx: FakeContext): FakeResponse {
  if (!ctx.caller.canManageOwnKeys) return NO_MANAGE;
  const body = (req.json ?? {}) as { name?: unknown; expires_at?: unknown };
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name || name.length > NAME_MAX) {
    return fail({ status: 400, message: `name is required (1-${NAME_MAX} characters)` });
  }
  let expiresAt: number | null = null;
  if (body.expires_at !== undefined && body.expires_at !== null) {
    const at = typeof body.expires_at === 'string' && EXPIRES_AT.test(body.expires_at) ? body.expires_at : undefined;
    const ms = at === undefined ? undefined : parseAutomoxTime(at);
    if (ms === undefined) return fail({ status: 400, message: 'expires_at must look like 2026-08-05T18:21:47+0000' });
    if (ms <= Date.now()) return fail({ status: 400, message: 'expires_at must be in the future' });
    expiresAt = ms;
  }
  const key = ctx.tenant.addKey(ctx.target.id, name, expiresAt);
  return isRefusal(key) ? fail(key) : { status: ctx.tenant.settings.createStatus, body: ctx.tenant.view(key) };
}

/** Owner only: `{"api_key": ...}`. */
export function handleDecrypt(req: FakeRequest, ctx: FakeContext): FakeResponse {
  if (!ctx.caller.canManageOwnKeys) return NO_MANAGE;
  const key = keyOf(req, ctx);
  return key ? { status: 200, body: { api_key: key.secret } } : NO_KEY;
}

/** Owner or administrator: `{"is_enabled": bool}`; a disabled key is refused until re-enabled. */
export function handleSetEnabled(req: FakeRequest, ctx: FakeContext): FakeResponse {
  const enabled = (req.json as { is_enabled?: unknown } | undefined)?.is_enabled;
  if (typeof enabled !== 'boolean') return fail({ status: 400, message: 'is_enabled must be true or false' });
  const key = keyOf(req, ctx);
  if (!key) return NO_KEY;
  key.enabled = enabled;
  return { status: 200, body: ctx.tenant.view(key) };
}

/** Owner or administrator; 204, then the key is refused for good. */
export function handleDelete(req: FakeRequest, ctx: FakeContext): FakeResponse {
  const key = keyOf(req, ctx);
  if (!key) return NO_KEY;
  ctx.tenant.keys.delete(key.id);
  return { status: 204 };
}
