/** How `keywarden.yaml` describes a Gotransverse connection, and its resolved form. */
import { z } from 'zod';
import { humanStepsSchema, resolveHumanSteps, type HumanStepsConfig, type ReadSecret } from '../config-kit';
import { API_SET_SLUGS, parseApiSets, type ApiSetSlug } from './apisets';

/** A list of API sets (names or slugs, any case), read into slugs in UI order. */
const apiSetList = z
  .array(z.string())
  .min(1)
  .transform((items, ctx) => {
    const parsed = parseApiSets(items.join(','));
    if (parsed.ok) return parsed.slugs;
    for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

export const gotransverseFileSchema = z
  .object({
    type: z.literal('gotransverse'),
    display_name: z.string().min(1).default('Gotransverse'),
    /** The tenant's URL, e.g. `https://acme.gotransverse.com`; every API set lives under it. */
    base_url: z.string().url(),
    /** Informational only: the API sets chosen per request are the key's real scope. */
    roles: z.array(z.string().min(1)).min(1).default(['read-only']),
    /** The API sets requesters may ask for; all of them when left out. */
    allowed_apisets: apiSetList.optional(),
    /** Every step is human here (Gotransverse has no API for users or keys), so operators are required. */
    human_steps: humanStepsSchema,
  })
  .strict();

/** A resolved Gotransverse connection. There is no admin credential: people generate and delete keys in the UI. */
export interface GotransverseConnection {
  type: 'gotransverse';
  displayName: string;
  /** Tenant URL without a trailing slash. */
  baseUrl: string;
  roles: readonly string[];
  humanSteps: HumanStepsConfig;
  /** The API sets requesters may ask for; the bot checks requests against it before they start. */
  fieldLimits: { apisets: readonly ApiSetSlug[] };
}

/**
 * Resolves an entry. Gotransverse needs no secret from the environment, so this never fails today; it keeps the
 * resolver signature every vendor shares so the config module can treat vendors alike.
 */
export function resolveGotransverse(
  entry: z.infer<typeof gotransverseFileSchema>,
  _readSecret: ReadSecret,
): GotransverseConnection | string[] {
  return {
    type: 'gotransverse',
    displayName: entry.display_name,
    baseUrl: entry.base_url.replace(/\/+$/, ''),
    roles: entry.roles,
    humanSteps: resolveHumanSteps(entry.human_steps),
    fieldLimits: { apisets: entry.allowed_apisets ?? API_SET_SLUGS },
  };
}
