/**
 * Schema of `keywarden.yaml`: approval and credential policies, admins and vendor connections. Secrets never
 * sit in the file; a vendor entry names the environment variable that holds its admin secret.
 */
import { z } from 'zod';
import { destinationEntrySchema } from '../destinations/config';
import { vendorConnectionSchema } from '../vendors/config';
import { slackUserId } from '../vendors/config-kit';
import { policySections } from './policies';

export const configFileSchema = z
  .object({
    ...policySections,
    admins: z.array(slackUserId).default([]),
    vendors: z.record(
      z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'vendor names are lowercase letters, digits and dashes'),
      vendorConnectionSchema,
    ),
    /** Where keys for machines are delivered (`dest=` in a request), by name. */
    destinations: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'destination names are lowercase letters, digits and dashes'),
        destinationEntrySchema,
      )
      .default({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (Object.keys(file.vendors).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['vendors'], message: 'configure at least one vendor' });
    }
  });

export type ConfigFile = z.infer<typeof configFileSchema>;
