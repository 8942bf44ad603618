/** The request modal, opened when `/keys request` leaves fields out; its blocks are named after the fields. */
import type { View } from '@slack/types';
import { formatDuration } from '../../workflows/duration';
import type { RequestCatalog } from '../requests/catalog';
import type { RequestInput } from '../requests/validate';

export const REQUEST_MODAL = 'request_modal';
export const VALUE_ACTION = 'value';

export interface RequestModalMetadata {
  requestId: string;
  channelId: string;
  extra: Record<string, string>;
}

const option = (value: string, label: string) => ({ text: { type: 'plain_text' as const, text: label }, value });

export function requestModal(catalog: RequestCatalog, input: RequestInput, metadata: RequestModalMetadata): View {
  const vendors = [...catalog.vendors.values()];
  const roles = [...new Set(vendors.flatMap((v) => v.roles))];
  const vendor = input.vendor ? catalog.vendors.get(input.vendor.toLowerCase()) : undefined;
  const role = input.role && roles.includes(input.role) ? input.role : undefined;
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
        label: { type: 'plain_text', text: 'Vendor' },
        element: {
          type: 'static_select',
          action_id: VALUE_ACTION,
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
          action_id: VALUE_ACTION,
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
          text: `Counted from delivery. Up to ${formatDuration(catalog.maxTtlMs)}; e.g. 12h, 30d.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: VALUE_ACTION,
          initial_value: input.ttl ?? formatShort(catalog.defaultTtlMs),
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
    ],
  };
}

/** `30d` rather than `30 days`, so the prefilled value is itself valid input. */
function formatShort(ms: number): string {
  const [count, unit] = formatDuration(ms).split(' ');
  return `${count}${unit?.charAt(0) ?? 's'}`;
}
