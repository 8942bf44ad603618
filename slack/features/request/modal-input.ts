/** Reading the request modal's state: what the person has filled in, and where each field's error belongs. */
import type { ViewOutput } from '@slack/bolt';
import type { RequestField, RequestInput } from '../../requests/validate';
import { FIELD_BLOCK_PREFIX } from '../../views/request-modal';

const FIELD_BLOCKS: readonly RequestField[] = ['vendor', 'role', 'ttl', 'purpose', 'dest'];

/** A block's value, whatever its element's action id (the role select's is named after the vendor). */
function readBlock(view: Pick<ViewOutput, 'state'>, block: string): string | undefined {
  const [state] = Object.values(view.state.values[block] ?? {});
  const value = state?.selected_option?.value ?? state?.value;
  return value ?? undefined;
}

/** What the person has filled in so far. */
export function readInput(view: Pick<ViewOutput, 'state'>): RequestInput {
  return {
    vendor: readBlock(view, 'vendor'),
    role: readBlock(view, 'role'),
    ttl: readBlock(view, 'ttl'),
    purpose: readBlock(view, 'purpose') ?? '',
    dest: readBlock(view, 'dest')?.trim() || undefined,
    extra: vendorFields(view),
  };
}

/** The filled-in vendor-specific fields; empty inputs are left out, as if not typed. */
function vendorFields(view: Pick<ViewOutput, 'state'>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const block of Object.keys(view.state.values)) {
    if (!block.startsWith(FIELD_BLOCK_PREFIX)) continue;
    const value = readBlock(view, block)?.trim();
    if (value) fields.set(block.slice(FIELD_BLOCK_PREFIX.length), value);
  }
  return fields;
}

/** The block that shows a field's error: its own input when the modal has one, else the purpose box. */
export function blockFor(view: ViewOutput, field: string): string {
  if ((FIELD_BLOCKS as readonly string[]).includes(field)) return field in view.state.values ? field : 'purpose';
  const own = `${FIELD_BLOCK_PREFIX}${field}`;
  return own in view.state.values ? own : 'purpose';
}

/** Slack shows field errors as plain text: no emoji codes, code spans or mrkdwn escapes. */
export const plain = (text: string) =>
  text
    .replace(/^:\w+: /, '')
    .replace(/`/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Validation problems as Slack's inline `errors` (plain text), several on one block joined. */
export function inlineErrors(view: ViewOutput, problems: readonly { field: string; message: string }[]) {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) {
    const block = blockFor(view, field);
    const text = plain(message);
    errors[block] = errors[block] ? `${errors[block]} ${text}` : text;
  }
  return errors;
}
