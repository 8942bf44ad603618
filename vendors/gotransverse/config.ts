/** How `keywarden.yaml` describes a Gotransverse connection, and its resolved form. */
import { z } from 'zod';
import {
  type HumanStepsConfig,
  humanStepsSchema,
  rateLimitPerSecond,
  type ReadSecret,
  resolveHumanSteps,
} from '../config-kit';
import { API_SET_SLUGS, parseApiSets, type ApiSetSlug } from './apisets';
import { missingProbeMessage, probeSetting, resolveProbePaths, setsWithoutProbe, type ProbePaths } from './probes';

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

/**
 * `base_url` used to be both the API root and the console; the evidence says they differ (a regional API host such
 * as eu2-api.tractbilling.com vs the tenant's console), so it is refused rather than guessed as either.
 */
const BASE_URL_SPLIT =
  'base_url was split in two: set api_base_url to the Gotransverse API host Keywarden calls (e.g. ' +
  'https://eu2-api.tractbilling.com) and ui_url to the console operators sign in to (e.g. ' +
  'https://acme.gotransverse.com), then remove base_url; run npm run doctor to check them';

/** A path on the API host, e.g. `/dunning/2/test-connection`; a query string is allowed, a host is not. */
const probePath = z
  .string()
  .regex(/^\/[^\s?#]*(\?[^\s#]*)?$/, 'must be a path on the API host starting with /, e.g. /dunning/2/test-connection');

const probePathsSchema = z.record(z.string(), probePath).transform((entries, ctx) => {
  const paths: Partial<Record<ApiSetSlug, string>> = {};
  for (const [key, path] of Object.entries(entries)) {
    const slug = API_SET_SLUGS.find((s) => s === key);
    if (slug) paths[slug] = path;
    else
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `not an API set slug; use one of ${API_SET_SLUGS.join(', ')}`,
      });
  }
  return paths;
});

export const gotransverseFileSchema = z
  .object({
    type: z.literal('gotransverse'),
    display_name: z.string().min(1).default('Gotransverse'),
    rate_limit_per_second: rateLimitPerSecond,
    /** The API host every call goes to: environment/regional, e.g. `https://eu2-api.tractbilling.com`. */
    api_base_url: z.string().url(),
    /** The console operators sign in to (only shown in their instructions), e.g. `https://acme.gotransverse.com`. */
    ui_url: z.string().url(),
    /** Refused with the migration text; kept in the schema so the message names what to do. */
    base_url: z.custom<never>(() => false, { message: BASE_URL_SPLIT }).optional(),
    /** Per API set slug, a read-only GET that tells whether a key opens the set (see probes.ts). */
    probe_paths: probePathsSchema.optional(),
    /** Informational only: the API sets chosen per request are the key's real scope. */
    roles: z.array(z.string().min(1)).min(1).default(['read-only']),
    /** The API sets requesters may ask for; all of them when left out. Each needs a probe path. */
    allowed_apisets: apiSetList.optional(),
    /** Every step is human here (Gotransverse has no API for users or keys), so operators are required. */
    human_steps: humanStepsSchema,
  })
  .strict();

/** A resolved Gotransverse connection. There is no admin credential: people generate and delete keys in the UI. */
export interface GotransverseConnection {
  type: 'gotransverse';
  displayName: string;
  /** Steps per second across all workers; undefined = the vendor's default. */
  rateLimitPerSecond?: number;
  /** The API host without a trailing slash: every call goes here. */
  apiBaseUrl: string;
  /** The console operators sign in to, without a trailing slash: only shown in their instructions. */
  uiUrl: string;
  /** Per API set, the path probed with a key: the configured ones plus documented defaults for allowed sets. */
  probePaths: ProbePaths;
  roles: readonly string[];
  humanSteps: HumanStepsConfig;
  /** The API sets requesters may ask for; the bot checks requests against it before they start. */
  fieldLimits: { apisets: readonly ApiSetSlug[] };
}

/**
 * Resolves an entry. Gotransverse needs no secret from the environment; what can fail is an allowed API set
 * without a probe path, reported per set with the setting to add.
 */
export function resolveGotransverse(
  entry: z.infer<typeof gotransverseFileSchema>,
  _readSecret: ReadSecret,
): GotransverseConnection | string[] {
  const allowed = entry.allowed_apisets ?? API_SET_SLUGS;
  const probePaths = resolveProbePaths(entry.probe_paths ?? {}, allowed);
  const missing = setsWithoutProbe(probePaths, allowed);
  if (missing.length > 0) return missing.map((slug) => `${probeSetting(slug)}: ${missingProbeMessage(slug)}`);
  return {
    type: 'gotransverse',
    displayName: entry.display_name,
    ...(entry.rate_limit_per_second === undefined ? {} : { rateLimitPerSecond: entry.rate_limit_per_second }),
    apiBaseUrl: withoutTrailingSlash(entry.api_base_url),
    uiUrl: withoutTrailingSlash(entry.ui_url),
    probePaths,
    roles: entry.roles,
    humanSteps: resolveHumanSteps(entry.human_steps),
    fieldLimits: { apisets: allowed },
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
