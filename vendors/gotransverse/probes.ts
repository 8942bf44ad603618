/**
 * Probe paths: per API set, the read-only GET Keywarden calls with a key to learn whether the key opens that set.
 * They are configuration (`probe_paths` in keywarden.yaml) because Gotransverse documents such an endpoint for one
 * set only; a wrong guess would make every check fail, so Keywarden guesses none. Pure data and functions.
 */
import { VendorError } from '../errors';
import { apiSet, inUiOrder, type ApiSetSlug } from './apisets';

/** Probe paths per API set slug. */
export type ProbePaths = Readonly<Partial<Record<ApiSetSlug, string>>>;

/** One call to make: the set it tells about and the path to GET. */
export interface ProbeTarget {
  slug: ApiSetSlug;
  path: string;
}

/**
 * The only probe the vendor documents: Dunning's `GET /test-connection`, 200 `{level, message}` and 401/403/404
 * `{code, message}` (documentation.gotransverse.com/api/dunning-v2.html, v2.6.0.1), under the documented
 * service + version pattern. Every other set needs a configured path.
 */
export const DOCUMENTED_PROBE_PATHS: ProbePaths = { dunning: '/dunning/2/test-connection' };

/** The setting an operator edits to fix a set's probe path. */
export function probeSetting(slug: ApiSetSlug): string {
  return `probe_paths.${slug}`;
}

/**
 * The probe paths in force: every configured one, plus the documented default for an allowed set that has none.
 * A default is not used for a set outside `allowed`, so a tenant without Dunning never has it probed unasked.
 */
export function resolveProbePaths(configured: ProbePaths, allowed: readonly ApiSetSlug[]): ProbePaths {
  const paths: Partial<Record<ApiSetSlug, string>> = { ...configured };
  for (const slug of allowed) paths[slug] ??= DOCUMENTED_PROBE_PATHS[slug];
  return paths;
}

/** Allowed sets without a probe path, in UI order: config load refuses each of them. */
export function setsWithoutProbe(paths: ProbePaths, allowed: readonly ApiSetSlug[]): ApiSetSlug[] {
  return inUiOrder(allowed.filter((slug) => !paths[slug]));
}

/** What to tell the admin about an allowed set without a probe path. */
export function missingProbeMessage(slug: ApiSetSlug): string {
  const { name } = apiSet(slug);
  return (
    `${name} is allowed but has no probe path, so Keywarden cannot check whether a key opens it: add ` +
    `${probeSetting(slug)}: a read-only GET in ${name} on the API host (e.g. /<service>/2/<endpoint>), or take ` +
    `${name} out of allowed_apisets`
  );
}

/** The targets for `slugs`, in UI order; a set without a path is a configuration error only an admin can fix. */
export function targetsFor(slugs: readonly ApiSetSlug[], paths: ProbePaths): ProbeTarget[] {
  return inUiOrder(slugs).map((slug) => {
    const path = paths[slug];
    if (!path) throw new VendorError('needs_admin', `Gotransverse: ${missingProbeMessage(slug)}`, { vendor: VENDOR });
    return { slug, path };
  });
}

/**
 * A grant check's calls: the requested sets (each must open), then every other set with a probe path (each must
 * stay shut). Sets without a path cannot be asked and are left out, never assumed open or shut.
 */
export function grantTargets(requested: readonly ApiSetSlug[], paths: ProbePaths): ProbeTarget[] {
  const others = (Object.keys(paths) as ApiSetSlug[]).filter((slug) => !requested.includes(slug));
  return [...targetsFor(requested, paths), ...targetsFor(others, paths)];
}

const VENDOR = 'Gotransverse';
