/**
 * Schema of `keywarden.yaml`: approval settings, credential limits and vendor connections. Secrets never sit
 * in the file; a vendor entry names the environment variable that holds its admin secret.
 */
import { z } from 'zod';
import { vendorConnectionSchema } from '../../vendors/config';
import { duration, slackChannelId, slackUserId } from '../../vendors/config-kit';

export const configFileSchema = z
  .object({
    approvals: z
      .object({
        channel: slackChannelId,
        approvers: z.array(slackUserId).min(1, 'name at least one approver'),
        pending_timeout: duration.prefault('24h'),
      })
      .strict(),
    credentials: z
      .object({
        default_ttl: duration.prefault('30d'),
        max_ttl: duration.prefault('90d'),
        /** A delivered key not revealed within this is revoked, and the requester asked to request again. */
        reveal_within: duration.prefault('24h'),
        /** Remind the owner this long before expiry. */
        reminders: z.array(duration).prefault(['7d', '1d']),
        /** Rotate keys automatically this often (off when unset). */
        rotation_period: duration.optional(),
        /** After a rotation the old key stays valid this long, then is revoked. */
        rotation_overlap: duration.prefault('24h'),
        /** Owners' extensions go to the approvers first, like requests. */
        extend_requires_approval: z.boolean().default(false),
        /** Check this often that each key still works at the vendor; a key removed there by hand is closed. */
        check_every: duration.prefault('6h'),
        /** Advanced: a credential's workflow continues as new past this many history events. */
        history_event_limit: z.number().int().min(20).default(10_000),
      })
      .strict()
      .prefault({}),
    admins: z.array(slackUserId).default([]),
    vendors: z.record(
      z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'vendor names are lowercase letters, digits and dashes'),
      vendorConnectionSchema,
    ),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.credentials.default_ttl > file.credentials.max_ttl) {
      ctx.addIssue({
        code: 'custom',
        path: ['credentials', 'default_ttl'],
        message: 'is longer than credentials.max_ttl; lower it or raise the maximum',
      });
    }
    if (Object.keys(file.vendors).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['vendors'], message: 'configure at least one vendor' });
    }
  });

export type ConfigFile = z.infer<typeof configFileSchema>;
