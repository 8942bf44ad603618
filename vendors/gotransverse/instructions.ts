/**
 * What the operator is asked to do in the Gotransverse UI, in our own words. Pure: no secret ever appears here,
 * only the names and values the operator must type or choose.
 */
import type { TaskInstructions } from '../types';
import { apiSetNames, type ApiSetSlug } from './apisets';

/** What the instructions need to know about the credential. */
export interface KeyTaskContext {
  credentialId: string;
  requestId: string;
  purpose: string;
  /** The console URL (`ui_url`) the operator signs in to. */
  tenantUrl: string;
}

/** The description field's limit is not documented; stay short so the UI cannot reject or cut it unseen. */
const MAX_DESCRIPTION = 250;

/** The key's name in Gotransverse: derived from the credential, so the operator can find it again to delete it. */
export function keyNameFor(credentialId: string): string {
  return `keywarden-${credentialId}`;
}

/** The description to type, tying the key to its request for anyone browsing the user's keys. */
export function keyDescriptionFor(requestId: string, purpose: string): string {
  return `Keywarden request ${requestId}: ${purpose.replace(/\s+/g, ' ').trim()}`.slice(0, MAX_DESCRIPTION);
}

/** Generate a key for yourself, scoped to exactly `apisets`, and hand it back once through the Submit key form. */
export function generateKeyInstructions(context: KeyTaskContext, apisets: readonly ApiSetSlug[]): TaskInstructions {
  const name = keyNameFor(context.credentialId);
  const sets = apiSetNames(apisets);
  return {
    summary: `Generate the Gotransverse API key ${name} with access to ${sets}`,
    steps: [
      `Sign in to ${context.tenantUrl} as the integration user that will own this key. Gotransverse only lets you ` +
        'generate keys for the account you are signed in as, and that account needs the *Manage User API Key* ' +
        'authority (administrator roles include it).',
      'Open *Admin* from the application menu, choose *Users*, and click your own username.',
      'In the *API Keys* section, click *Generate key*. If there is no such section, your account lacks the ' +
        'authority above: ask a Gotransverse administrator to grant it, or tell us you cannot do this.',
      'Type the key name and description below exactly as shown.',
      `Move exactly these API sets to *Selected API*: ${sets}. Add nothing else: Keywarden checks that the key ` +
        'opens these sets and no others.',
      'Click *Finish*. Gotransverse shows the key only once, so copy it to your clipboard before you close that ' +
        'window. Do not download it or keep a copy anywhere.',
      'Come back here, click *Submit key* and paste the key into the form. Keywarden tests it before the requester ' +
        'receives it.',
    ],
    values: [
      { label: 'Key name', value: name },
      { label: 'API sets', value: sets },
      { label: 'Description', value: keyDescriptionFor(context.requestId, context.purpose) },
    ],
    secretLabel: 'Gotransverse API key',
  };
}

/** Delete the credential's key; nothing is handed back, Keywarden then checks the key is refused everywhere. */
export function deleteKeyInstructions(context: Pick<KeyTaskContext, 'credentialId' | 'tenantUrl'>): TaskInstructions {
  const name = keyNameFor(context.credentialId);
  return {
    summary: `Delete the Gotransverse API key ${name}`,
    steps: [
      `Sign in to ${context.tenantUrl} as the integration user that owns the key ${name}.`,
      'Open *Admin* from the application menu, choose *Users*, and click that username.',
      `In the *API Keys* section, delete (revoke) the key named \`${name}\`. Leave every other key alone: they ` +
        'may belong to other integrations.',
      "Disabling the user is not enough: Gotransverse refuses a disabled user's keys only until the user is " +
        'enabled again. If you find no way to delete the key, click *Cannot complete* and say so.',
      'Come back here and click *Done*. Keywarden then checks that every API set the key had refuses it.',
    ],
    values: [{ label: 'Key name', value: name }],
  };
}
