/**
 * Gotransverse API sets: the scopes a key is limited to when it is generated (VENDORS.md). Each has a stable slug
 * for requests and config, and the cheap read Keywarden calls to learn whether a key opens that set.
 * Pure data and functions: imported by the definition, which workflow code may load.
 */

/** One API set a Gotransverse key can be granted. */
export interface ApiSet {
  /** Stable identifier used in requests, config and refs. */
  readonly slug: string;
  /** The name the Gotransverse UI shows in "Available API". */
  readonly name: string;
  /** A side-effect-free GET in this set, under the tenant host: service + version + endpoint. */
  readonly probePath: string;
}

/**
 * The documented API sets, in the order the UI lists them.
 *
 * ASSUMPTION: VENDORS.md gives only the URL pattern (`https://<tenant>.gotransverse.com/billing/2/...`). The
 * published Dunning API lists `GET /test-connection` (401/403 when the key is refused or lacks the set); we assume
 * every service offers it, and we guess the service segment of every set but Billing. Correct either guess here:
 * the client, the fake and the checks all read this table.
 */
export const API_SETS = [
  { slug: 'billing', name: 'Billing', probePath: '/billing/2/test-connection' },
  { slug: 'dunning', name: 'Dunning', probePath: '/dunning/2/test-connection' },
  { slug: 'revenue-management', name: 'Revenue Management', probePath: '/revenue/2/test-connection' },
  { slug: 'configure-price-quote', name: 'Configure Price Quote', probePath: '/cpq/2/test-connection' },
  { slug: 'currex', name: 'Currex', probePath: '/currex/2/test-connection' },
  { slug: 'job-scheduler', name: 'Job Scheduler', probePath: '/job-scheduler/2/test-connection' },
  { slug: 'stored-value-service', name: 'Stored Value Service', probePath: '/svs/2/test-connection' },
  { slug: 'tax-essentials', name: 'Tax Essentials', probePath: '/tax/2/test-connection' },
  { slug: 'usage-processing', name: 'Usage Processing', probePath: '/usage/2/test-connection' },
] as const satisfies readonly ApiSet[];

export type ApiSetSlug = (typeof API_SETS)[number]['slug'];

/** Every slug, in UI order. */
export const API_SET_SLUGS: readonly ApiSetSlug[] = API_SETS.map((set) => set.slug);

/** The API set with this slug. */
export function apiSet(slug: ApiSetSlug): ApiSet {
  // The slug type only admits table entries, so the lookup cannot miss.
  return API_SETS.find((set) => set.slug === slug) as ApiSet;
}

/** Display names joined for people, in UI order: "Billing, Dunning". */
export function apiSetNames(slugs: readonly ApiSetSlug[]): string {
  return inUiOrder(slugs)
    .map((slug) => apiSet(slug).name)
    .join(', ');
}

/** Slugs sorted into UI order, so messages and comparisons do not depend on how a request listed them. */
export function inUiOrder(slugs: readonly ApiSetSlug[]): ApiSetSlug[] {
  return API_SET_SLUGS.filter((slug) => slugs.includes(slug));
}

/** Case, spaces and punctuation are ignored, so "Revenue Management", "revenue-management" and "REVENUEMANAGEMENT" match. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The API set a person meant by a name or slug, or undefined. */
export function findApiSet(text: string): (typeof API_SETS)[number] | undefined {
  const wanted = normalise(text);
  return wanted ? API_SETS.find((set) => normalise(set.slug) === wanted || normalise(set.name) === wanted) : undefined;
}

export type ApiSetsParse = { ok: true; slugs: ApiSetSlug[] } | { ok: false; problems: string[] };

/**
 * Reads a request value such as `Billing,Dunning`: comma separated display names or slugs, any case, each once.
 * Empty items (a trailing comma) are ignored. `allowed` narrows the choice to what a connection offers.
 * Returns the slugs in UI order, or every problem at once, each saying what may be chosen.
 */
export function parseApiSets(value: string | undefined, allowed: readonly ApiSetSlug[] = API_SET_SLUGS): ApiSetsParse {
  const choices = choicesText(allowed);
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0)
    return { ok: false, problems: [`name at least one API set, e.g. Billing,Dunning; ${choices}`] };

  const seen = new Set<ApiSetSlug>();
  const unknown: string[] = [];
  const repeated = new Set<string>();
  const notOffered = new Set<string>();
  for (const item of items) {
    const set = findApiSet(item);
    if (!set) unknown.push(`"${item}"`);
    else if (seen.has(set.slug)) repeated.add(set.name);
    else if (!allowed.includes(set.slug)) notOffered.add(set.name);
    else seen.add(set.slug);
  }

  const problems: string[] = [];
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? 'is not a Gotransverse API set' : 'are not Gotransverse API sets';
    problems.push(`${unknown.join(', ')} ${what}; ${choices}`);
  }
  if (notOffered.size > 0)
    problems.push(`${[...notOffered].join(', ')} ${isAre(notOffered.size)} not offered here; ${choices}`);
  if (repeated.size > 0) problems.push(`${[...repeated].join(', ')} ${isAre(repeated.size)} listed more than once`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, slugs: inUiOrder([...seen]) };
}

function choicesText(allowed: readonly ApiSetSlug[]): string {
  return `choose from ${apiSetNames(allowed)} (names or slugs such as revenue-management, any case)`;
}

function isAre(count: number): string {
  return count === 1 ? 'is' : 'are';
}
