/** `/keys help` and the usage shown for unknown or malformed commands. */
import type { RequestCatalog } from '../requests/catalog';
import { vendorList } from '../requests/validate';
import { formatDuration } from '../../workflows/duration';

export function helpText(catalog: RequestCatalog): string {
  return [
    '*Keywarden* hands out vendor API keys with approval, and takes them back on schedule.',
    '`/keys request <vendor> role=<role> ttl=<duration> purpose="<text>"` ask for a key (leave fields out to fill them in a form)',
    '`/keys list` your keys and requests, with status and expiry',
    '`/keys status <id>` where a request stands, and its history',
    '`/keys pending` approvals and tasks waiting on you',
    '`/keys vendors` what you can request, who approves it and for how long',
    '`/keys revoke <id>` · `/keys rotate <id>` · `/keys extend <id> <duration>` act on a key you own (admins: any key)',
    '`/keys help` show this help',
    ...vendorFields(catalog),
    ...destinationLine(catalog),
    `Vendors: ${vendorList(catalog)}. Access time: default ${formatDuration(catalog.policies.credentials.defaultTtlMs)}, e.g. \`ttl=30d\`; the limit per vendor and role is in \`/keys vendors\`.`,
  ].join('\n');
}

/** Keys for machines: `dest=` names where the key goes instead of being revealed. */
function destinationLine(catalog: RequestCatalog): string[] {
  if (catalog.destinations.size === 0) return [];
  const names = [...catalog.destinations.keys()].map((key) => `\`${key}\``).join(', ');
  return [
    `  Keys for machines: add \`dest=<destination>\` (${names}, where the policy allows it); nobody is shown the key.`,
  ];
}

function vendorFields(catalog: RequestCatalog): string[] {
  return [...catalog.vendors.values()].flatMap((vendor) =>
    Object.entries(vendor.definition.fields).map(
      ([name, field]) => `  \`${vendor.key}\` also takes \`${name}=\`: ${field.description}`,
    ),
  );
}
