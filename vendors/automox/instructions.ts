/** The requester's task in invite mode, in our own words: make their own key with our name and expiry. */
import type { StepInput, TaskInstructions } from '../types';
import { keyNameFor } from './names';
import { utcDay } from './time';

/** The expiry date to ask for: the day the requested access time ends (UTC). */
export function suggestedExpiryDay(ttlMs: number, now = Date.now()): string {
  return utcDay(now + ttlMs);
}

/** What the invited person does in the Automox console to create their key and hand it to Keywarden. */
export function createOwnKeyInstructions(input: StepInput, now = Date.now()): TaskInstructions {
  const name = keyNameFor(input.credentialId);
  const expires = suggestedExpiryDay(input.ttlMs, now);
  const email = input.fields.email ?? 'your invited account';
  return {
    summary: `Create your Automox API key ${name} and submit it to Keywarden`,
    steps: [
      `Sign in to the Automox console as *${email}*, the account you set up when you accepted the invitation.`,
      'Go to *Settings → Secrets & Keys* (some consoles call it *Keys*) and choose *Add*.',
      `Name the key exactly \`${name}\`. Keywarden finds your key by this name, so no other name works.`,
      `Set the expiry date to *${expires}*. A key that never expires, or expires later, is not accepted.`,
      'Create the key and copy it with its copy button.',
      "Paste it into Keywarden's *Submit key* form. Do not put it anywhere else: not in chat, email or a file.",
    ],
    values: [
      { label: 'Key name', value: name },
      { label: 'Expires on', value: expires },
      { label: 'Account email', value: email },
    ],
    secretLabel: 'Automox API key',
  };
}
