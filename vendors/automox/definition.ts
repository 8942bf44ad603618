/**
 * Automox's pure definition. A request names either `integration=<name>` (a configured integration: Keywarden
 * mints a key of that integration's own Automox user) or `email=<address>` (invite mode: a read-only user of the
 * person's own). The configured integration names arrive as `limits.integration`.
 */
import type { FieldLimits, FieldProblem, VendorDefinition } from '../types';
import { INTEGRATION_NAME, isInviteMode } from './names';
import { automoxIntegrationPlaybooks, automoxInvitePlaybooks } from './playbooks';

/** Deliberately loose: Automox has the final say, this only catches typos such as a missing `@`. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX = 254;

/** "siem, backup", or a hint when the connection configures none (or the caller passed no limits). */
function namesOf(limits: FieldLimits | undefined): string {
  const names = limits?.integration;
  if (names === undefined) return 'one of the configured integrations';
  return names.length === 0 ? 'none are configured, so use email=' : `one of: ${names.join(', ')}`;
}

function integrationProblem(name: string, limits: FieldLimits | undefined): string | undefined {
  const allowed = limits?.integration;
  if (allowed !== undefined && !allowed.includes(name)) {
    return `integration \`${name}\` is not configured for Automox (${namesOf(limits)})`;
  }
  if (!INTEGRATION_NAME.test(name)) return `integration must be a configured integration name (${namesOf(limits)})`;
  return undefined;
}

function validateFields(fields: Readonly<Record<string, string>>, limits?: FieldLimits): FieldProblem[] {
  const { email, integration } = fields;
  if (email !== undefined && integration !== undefined) {
    return [
      {
        field: 'integration',
        message: 'give either integration= (a shared integration) or email= (a user of your own), not both',
      },
    ];
  }
  if (email !== undefined) {
    if (email.length <= EMAIL_MAX && EMAIL.test(email)) return [];
    return [{ field: 'email', message: `email must be an email address such as jane@example.com, not "${email}"` }];
  }
  if (integration === undefined || integration === '') {
    return [
      {
        field: 'integration',
        message: `name the integration the key is for with integration=<name> (${namesOf(limits)}), or ask for a read-only user of your own with email=<your address>`,
      },
    ];
  }
  const problem = integrationProblem(integration, limits);
  return problem ? [{ field: 'integration', message: problem }] : [];
}

/** Automox's fields and playbook choice: `email=` means invite mode, otherwise the named integration's user. */
export const automoxDefinition: VendorDefinition = {
  type: 'automox',
  fields: {
    integration: { description: 'the integration the key is for (its own Automox user), e.g. siem' },
    email: { description: 'invite this person as a read-only Automox user instead (invite mode)' },
  },
  validateFields,
  playbooks: (fields) => (isInviteMode(fields) ? automoxInvitePlaybooks : automoxIntegrationPlaybooks),
};
