/** Automox response bodies (VENDORS.md), parsed here so raw vendor JSON never leaves this folder. */
import { z } from 'zod';
import { parseAutomoxTime } from './time';

/** A timestamp field, as epoch milliseconds; null when absent (an `expires_at` of null means "never expires"). */
const timestamp = z
  .string()
  .nullish()
  .transform((text, ctx) => {
    if (text === null || text === undefined || text === '') return null;
    const ms = parseAutomoxTime(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `unreadable timestamp ${text}` });
      return z.NEVER;
    }
    return ms;
  });

/** An API key as the list and create endpoints show it: never with its secret. */
export const apiKeySchema = z
  .object({ id: z.number().int(), name: z.string(), is_enabled: z.boolean(), expires_at: timestamp })
  .transform((key) => ({ id: key.id, name: key.name, enabled: key.is_enabled, expiresAt: key.expires_at }));

export type AutomoxApiKey = z.infer<typeof apiKeySchema>;

/** Legacy list shape of `GET /users/{id}/api_keys`: `size` is the total, `results` one page. */
export const apiKeyPageSchema = z.object({ size: z.number().int().nonnegative(), results: z.array(apiKeySchema) });

/** `POST .../api_keys/{id}/decrypt` → `{"api_key": "..."}`. */
export const decryptedKeySchema = z.object({ api_key: z.string().min(1) });

/**
 * One invitation of the array `POST /accounts/{id}/invitations` answers with (201), read loosely: the spec gives
 * `email` only "if the user does not exist yet", and Keywarden needs nothing from the answer but its status.
 */
export const invitationSchema = z
  .object({
    id: z.string().nullish(),
    email: z.string().nullish(),
    /** The spec's request enum says `non-global-admin`; Automox's own MCP server sends `no-global-access`. */
    account_rbac_role: z.string().nullish(),
    zones: z.array(z.object({ id: z.string(), rbac_role: z.string() })).nullish(),
  })
  .transform((invitation) => ({
    id: invitation.id ?? undefined,
    email: invitation.email ?? undefined,
    accountRole: invitation.account_rbac_role ?? undefined,
    zones: (invitation.zones ?? []).map((zone) => ({ zoneId: zone.id, role: zone.rbac_role })),
  }));

export type AutomoxInvitation = z.infer<typeof invitationSchema>;

/** `GET /users/self` (COMMUNITY: used by third-party scripts to find the key's own user). */
export const selfSchema = z.object({ id: z.number().int(), email: z.string().nullish() });

/** Known zone-user statuses; parsed as plain text so an unknown status is reported, not a parse failure. */
export type ZoneUserStatus = 'pending-invite' | 'active' | 'disabled';

/** A zone member. `id`/`uuid` may be missing while an invitation is pending (not documented either way). */
export const zoneUserSchema = z
  .object({
    id: z.number().int().nullish(),
    uuid: z.string().nullish(),
    email: z.string(),
    status: z.string(),
    zone_rbac_role: z.string().nullish(),
    account_rbac_role: z.string().nullish(),
  })
  .transform((user) => ({
    id: user.id ?? undefined,
    uuid: user.uuid ?? undefined,
    email: user.email,
    /** One of `ZoneUserStatus` as far as anyone knows. */
    status: user.status,
    zoneRole: user.zone_rbac_role ?? undefined,
    accountRole: user.account_rbac_role ?? undefined,
  }));

export type AutomoxZoneUser = z.infer<typeof zoneUserSchema>;

/**
 * The `/accounts/...` list shape. `metadata` is in the spec's schema with no required field, and its example
 * response has none, so paging never depends on it (see `listZoneUsers`).
 */
export const zoneUserPageSchema = z.object({
  data: z.array(zoneUserSchema),
  metadata: z.object({ total_pages: z.number().int().nonnegative().nullish() }).nullish(),
});

/** `{"errors": ["<message>"]}`, the body of every Automox 4xx/5xx. */
export const errorBodySchema = z.object({ errors: z.array(z.string()).min(1) });
