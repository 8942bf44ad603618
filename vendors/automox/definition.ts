/** Automox's pure definition: an optional `email` field picks invite mode; without it, service-user mode. */
import type { FieldProblem, VendorDefinition } from '../types';
import { isInviteMode } from './names';
import { automoxInvitePlaybooks, automoxServiceUserPlaybooks } from './playbooks';

/** Deliberately loose: Automox has the final say, this only catches typos such as a missing `@`. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX = 254;

function validateFields(fields: Readonly<Record<string, string>>): FieldProblem[] {
  const email = fields.email;
  if (email === undefined) return [];
  if (email.length <= EMAIL_MAX && EMAIL.test(email)) return [];
  return [{ field: 'email', message: `email must be an email address such as jane@example.com, not "${email}"` }];
}

/** Automox's fields and playbook choice: `email=` means invite mode, no email means service-user mode. */
export const automoxDefinition: VendorDefinition = {
  type: 'automox',
  fields: { email: { description: 'invite this person as a read-only Automox user (invite mode)' } },
  validateFields,
  playbooks: (fields) => (isInviteMode(fields) ? automoxInvitePlaybooks : automoxServiceUserPlaybooks),
};
