/** The request modal, opened when `/keys request` leaves fields out; its blocks are named after the fields. */
import type { View } from '@slack/types';
import { formatDuration } from '../../workflows/duration';
import type { Access } from '../requests/access';
import type { CatalogVendor, RequestCatalog } from '../requests/catalog';
import type { RequestInput } from '../requests/validate';

export const REQUEST_MODAL = 'request_modal';
export const VALUE_ACTION = 'value';
/** The vendor select: choosing one re-renders the modal for that vendor. */
export const VENDOR_ACTION = 'vendor_selected';
const ROLE_ACTION_PREFIX = 'role_for_';
/** Block id of a vendor-specific field's input: `field:apisets`. */
export const FIELD_BLOCK_PREFIX = 'field:';

export interface RequestModalMetadata {
  requestId: string;
  channelId: string;
}

const option = (value: string, label: string) => ({ text: { type: 'plain_text' as const, text: label }, value });

/**
 * Offers only the vendors and roles this person may request, and states the access-time limits, since a policy
 * may set them per vendor and role. Choosing a vendor re-renders the modal (`dispatch_action`) with that
 * vendor's roles, limits and fields only.
 */
export function requestModal(
  catalog: RequestCatalog,
  access: Access,
  input: RequestInput,
  metadata: RequestModalMetadata,
): View {
  const allowedRoles = (v: CatalogVendor) => v.roles.filter((role) => access(v.key, role));
  const vendors = [...catalog.vendors.values()].filter((v) => allowedRoles(v).length > 0);
  const vendor = vendors.find((v) => v.key === input.vendor?.toLowerCase());
  const shown = vendor ? [vendor] : vendors;
  const roles = [...new Set(shown.flatMap(allowedRoles))];
  const role = input.role && roles.includes(input.role) ? input.role : roles.length === 1 ? roles[0] : undefined;
  return {
    type: 'modal',
    callback_id: REQUEST_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Request a key' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'vendor',
        dispatch_action: true,
        label: { type: 'plain_text', text: 'Vendor' },
        element: {
          type: 'static_select',
          action_id: VENDOR_ACTION,
          options: vendors.map((v) => option(v.key, v.displayName)),
          ...(vendor ? { initial_option: option(vendor.key, vendor.displayName) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'role',
        label: { type: 'plain_text', text: 'Role' },
        element: {
          type: 'static_select',
          // Named after the vendor, so Slack drops a selection the new vendor does not offer.
          action_id: `${ROLE_ACTION_PREFIX}${vendor?.key ?? 'any'}`,
          options: roles.map((r) => option(r, r)),
          ...(role ? { initial_option: option(role, role) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'ttl',
        label: { type: 'plain_text', text: 'Access time' },
        hint: {
          type: 'plain_text',
          text: `Counted from delivery; e.g. 12h, 30d. ${ttlLimits(catalog, shown, access)}`,
        },
        element: {
          type: 'plain_text_input',
          action_id: VALUE_ACTION,
          initial_value: input.ttl ?? formatShort(defaultTtl(catalog, vendor, role)),
        },
      },
      {
        type: 'input',
        block_id: 'purpose',
        label: { type: 'plain_text', text: 'Purpose' },
        element: {
          type: 'plain_text_input',
          action_id: VALUE_ACTION,
          multiline: true,
          max_length: 300,
          ...(input.purpose ? { initial_value: input.purpose } : {}),
          placeholder: { type: 'plain_text', text: 'What will use this key? e.g. SIEM ingestion' },
        },
      },
      ...destinationInput(catalog, input.dest),
      ...vendorFieldInputs(shown, Object.fromEntries(input.extra)),
    ],
  };
}

/** Where a key for a machine goes (`dest=`), offered when any destination is configured; empty = reveal it yourself. */
function destinationInput(catalog: RequestCatalog, value: string | undefined): View['blocks'] {
  if (catalog.destinations.size === 0) return [];
  const known = [...catalog.destinations.values()].map((d) => `${d.key} (${d.describe})`).join(', ');
  return [
    {
      type: 'input',
      block_id: 'dest',
      optional: true,
      label: { type: 'plain_text', text: 'Destination (keys for machines)' },
      hint: {
        type: 'plain_text',
        text: `Leave empty to reveal the key yourself. The policy says which vendors and roles may use: ${known}`.slice(
          0,
          2000,
        ),
      },
      element: { type: 'plain_text_input', action_id: VALUE_ACTION, ...(value ? { initial_value: value } : {}) },
    },
  ];
}

/** One optional input per vendor-specific field (e.g. Gotransverse `apisets`), labelled with its vendors. */
function vendorFieldInputs(vendors: readonly CatalogVendor[], values: Record<string, string>): View['blocks'] {
  const byField = new Map<string, { description: string; vendors: string[] }>();
  for (const vendor of vendors) {
    for (const [name, field] of Object.entries(vendor.definition.fields)) {
      const entry = byField.get(name) ?? { description: field.description, vendors: [] };
      entry.vendors.push(vendor.displayName);
      byField.set(name, entry);
    }
  }
  return [...byField].map(([name, field]) => ({
    type: 'input' as const,
    block_id: `${FIELD_BLOCK_PREFIX}${name}`,
    optional: true,
    label: { type: 'plain_text' as const, text: `${name} (${field.vendors.join(', ')} only)` },
    hint: { type: 'plain_text' as const, text: field.description },
    element: {
      type: 'plain_text_input' as const,
      action_id: VALUE_ACTION,
      ...(values[name] ? { initial_value: values[name] } : {}),
    },
  }));
}

/** "Vectra Fusion up to 90 days; Automox readonly up to 30 days" — one phrase per distinct limit. */
function ttlLimits(catalog: RequestCatalog, vendors: readonly CatalogVendor[], access: Access): string {
  const phrases = vendors.flatMap((v) => {
    const limits = v.roles
      .filter((r) => access(v.key, r))
      .map((r) => [r, catalog.policyFor(v.key, r).credentials.maxTtlMs] as const);
    const distinct = new Set(limits.map(([, max]) => max));
    if (distinct.size === 1) return [`${v.displayName} up to ${formatDuration(limits[0]?.[1] ?? 0)}`];
    return limits.map(([role, max]) => `${v.displayName} ${role} up to ${formatDuration(max)}`);
  });
  return `${phrases.join('; ')}.`;
}

function defaultTtl(catalog: RequestCatalog, vendor: CatalogVendor | undefined, role: string | undefined): number {
  return vendor && role && vendor.roles.includes(role)
    ? catalog.policyFor(vendor.key, role).credentials.defaultTtlMs
    : catalog.policies.credentials.defaultTtlMs;
}

/** `30d` rather than `30 days`, so the prefilled value is itself valid input. */
function formatShort(ms: number): string {
  const [count, unit] = formatDuration(ms).split(' ');
  return `${count}${unit?.charAt(0) ?? 's'}`;
}
