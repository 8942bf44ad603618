/**
 * Gotransverse API sets: the scopes a key is limited to when it is generated (VENDORS.md). Each has a stable slug
 * for requests and config. Where Keywarden asks whether a key opens a set is configuration (`probes.ts`).
 * Pure data and functions: imported by the definition, which workflow code may load.
 */

/** One API set a Gotransverse key can be granted. */
export interface ApiSet {
  /** Stable identifier used in requests, config and refs. */
  readonly slug: string;
  /** The name the Gotransverse UI shows in "Available API". */
  readonly name: string;
}

/** The documented API sets (getting-started.htm), in the order the UI lists them. */
export const API_SETS = [
  { slug: 'billing', name: 'Billing' },
  { slug: 'dunning', name: 'Dunning' },
  { slug: 'revenue-management', name: 'Revenue Management' },
  { slug: 'configure-price-quote', name: 'Configure Price Quote' },
  { slug: 'currex', name: 'Currex' },
  { slug: 'job-scheduler', name: 'Job Scheduler' },
  { slug: 'stored-value-service', name: 'Stored Value Service' },
  { slug: 'tax-essentials', name: 'Tax Essentials' },
  { slug: 'usage-processing', name: 'Usage Processing' },
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
