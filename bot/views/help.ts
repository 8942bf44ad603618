/** `/keys help` and the usage shown for unknown or malformed commands. */
import type { RequestCatalog } from '../requests/catalog';
import { vendorList } from '../requests/validate';
import { formatDuration } from '../../workflows/duration';

export function helpText(catalog: RequestCatalog): string {
  return [
    '*Keywarden* hands out vendor API keys with approval, and takes them back on schedule.',
    '`/keys request <vendor> role=<role> ttl=<duration> purpose="<text>"` ask for a key (leave fields out to fill them in a form)',
    '`/keys help` show this help',
    `Vendors: ${vendorList(catalog)}. Access time: up to ${formatDuration(catalog.maxTtlMs)} (default ${formatDuration(catalog.defaultTtlMs)}), e.g. \`ttl=30d\`.`,
  ].join('\n');
}
