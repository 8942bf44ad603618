/**
 * Checks a request against the catalog. Shared by the inline command and the modal, so both give the same
 * answers: every problem at once, each saying what is wrong and what is allowed.
 */
import { DURATION_HINT, formatDuration, parseDuration } from '../../workflows/duration';
import type { Access } from './access';
import type { RequestCatalog } from './catalog';
import { quoteTyped } from '../views/format';

export type RequestField = 'vendor' | 'role' | 'ttl' | 'purpose' | 'dest';

export interface RequestInput {
  vendor?: string;
  role?: string;
  ttl?: string;
  purpose?: string;
  /** A destination's name (`dest=`): the key goes there, for a machine, instead of being revealed. */
  dest?: string;
  extra: ReadonlyMap<string, string>;
}

export interface ValidRequest {
  vendorKey: string;
  role: string;
  ttlMs: number;
  purpose: string;
  fields: Record<string, string>;
  destination?: string;
}

export interface FieldError {
  /** A request field, or the name of an unknown `key=value` field. */
  field: string;
  message: string;
}

export type Validation =
  | { kind: 'valid'; request: ValidRequest }
  | { kind: 'incomplete'; input: RequestInput }
  | { kind: 'invalid'; errors: FieldError[] };

const MAX_PURPOSE = 300;
const BASE_FIELDS = ['role', 'ttl', 'purpose', 'dest'];

/** Everyone may request everything unless a policy lists its requesters. */
const EVERYONE: Access = () => true;

export function validateRequest(input: RequestInput, catalog: RequestCatalog, access: Access = EVERYONE): Validation {
  const errors: FieldError[] = [];
  const vendor = input.vendor ? catalog.vendors.get(input.vendor.toLowerCase()) : undefined;
  if (input.vendor && !vendor) {
    errors.push({
      field: 'vendor',
      message: `Unknown vendor ${quoteTyped(input.vendor)}. Available: ${vendorList(catalog)}.`,
    });
  }
  const allowedExtra = Object.keys(vendor?.definition.fields ?? {});
  for (const key of input.extra.keys()) {
    if (!allowedExtra.includes(key)) {
      errors.push({
        field: key,
        message: `Unknown field ${quoteTyped(key)}. Allowed: ${[...BASE_FIELDS, ...allowedExtra].join(', ')}.`,
      });
    }
  }
  if (vendor) errors.push(...vendor.definition.validateFields(Object.fromEntries(input.extra), vendor.fieldLimits));
  const role = input.role ?? (vendor?.roles.length === 1 ? vendor.roles[0] : undefined);
  if (vendor && role !== undefined && !vendor.roles.includes(role)) {
    errors.push({
      field: 'role',
      message: `Role ${quoteTyped(role)} is not offered for ${vendor.displayName}. Allowed: ${vendor.roles.join(', ')}.`,
    });
  }
  const roleOffered = vendor && role !== undefined && vendor.roles.includes(role);
  if (vendor && role !== undefined && roleOffered && !access(vendor.key, role)) {
    const mine = vendor.roles.filter((r) => access(vendor.key, r));
    errors.push({
      field: 'role',
      message: `You are not among the people allowed to request ${vendor.displayName} ${role} (policy: ${catalog.policyFor(vendor.key, role).source}).${mine.length > 0 ? ` You may request: ${mine.join(', ')}.` : ''} Ask an admin if you need it.`,
    });
  }
  // TTL limits come from the vendor's and role's policy once both are known, else from the defaults.
  const limits =
    vendor && role && roleOffered ? catalog.policyFor(vendor.key, role).credentials : catalog.policies.credentials;
  const ttlMs = input.ttl === undefined ? limits.defaultTtlMs : parseDuration(input.ttl);
  if (ttlMs === undefined) {
    errors.push({ field: 'ttl', message: `${quoteTyped(input.ttl)} is not a duration: use ${DURATION_HINT}.` });
  } else if (ttlMs > limits.maxTtlMs) {
    const scope = vendor && role && roleOffered ? ` for ${vendor.displayName} ${role}` : '';
    errors.push({
      field: 'ttl',
      message: `${formatDuration(ttlMs)} is over the maximum of ${formatDuration(limits.maxTtlMs)}${scope}.`,
    });
  }
  if (input.dest !== undefined && vendor && role !== undefined && roleOffered) {
    errors.push(...destinationProblems(input.dest, catalog, vendor.key, role));
  }
  const purpose = input.purpose?.trim();
  if (purpose !== undefined && purpose.length > MAX_PURPOSE) {
    errors.push({
      field: 'purpose',
      message: `The purpose is ${purpose.length} characters; keep it under ${MAX_PURPOSE}.`,
    });
  }
  if (input.purpose !== undefined && !purpose) {
    errors.push({
      field: 'purpose',
      message: 'The purpose is empty: say what the key is for, e.g. purpose="SIEM ingestion".',
    });
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (!vendor || !role || !purpose || ttlMs === undefined) return { kind: 'incomplete', input };
  return {
    kind: 'valid',
    request: {
      vendorKey: vendor.key,
      role,
      ttlMs,
      purpose,
      fields: Object.fromEntries(input.extra),
      ...(input.dest ? { destination: input.dest } : {}),
    },
  };
}

/** A `dest=` must be configured and allowed for the vendor and role by policy. */
function destinationProblems(dest: string, catalog: RequestCatalog, vendorKey: string, role: string): FieldError[] {
  const policy = catalog.policyFor(vendorKey, role);
  const allowed = policy.destinations?.allowed ?? [];
  const vendorName = catalog.vendors.get(vendorKey)?.displayName ?? vendorKey;
  if (!catalog.destinations.has(dest)) {
    const known = [...catalog.destinations.keys()];
    return [
      {
        field: 'dest',
        message: `Unknown destination ${quoteTyped(dest)}.${known.length > 0 ? ` Configured: ${known.join(', ')}.` : ' None is configured.'}`,
      },
    ];
  }
  if (allowed.includes(dest)) return [];
  return [
    {
      field: 'dest',
      message: `${vendorName} ${role} keys may not be delivered to \`${dest}\` (policy: ${policy.source}).${allowed.length > 0 ? ` Allowed: ${allowed.join(', ')}.` : ' Leave dest out to reveal the key yourself.'}`,
    },
  ];
}

export function vendorList(catalog: RequestCatalog): string {
  return [...catalog.vendors.values()].map((v) => `\`${v.key}\` (${v.displayName})`).join(', ');
}
