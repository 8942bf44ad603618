/** Names shared by the pure definition and the adapter. Plain code: importable by workflow code. */

/**
 * The Automox key name for a credential's key generation (`<credentialId>` for the first key, then
 * `<credentialId>-g<n>` after rotations); a retried step finds its key by this name instead of making another.
 */
export function keyNameFor(generationId: string): string {
  return `keywarden-${generationId}`;
}

/** `keywarden-<credentialId>` or `keywarden-<credentialId>-g<n>`; the lazy group leaves `-g<n>` to the suffix. */
const KEY_NAME = /^keywarden-(.+?)(?:-g\d+)?$/;

/** The credential a generation belongs to: `abc-g3` → `abc`. */
export function credentialOfGeneration(generationId: string): string {
  return credentialOfKeyName(keyNameFor(generationId)) ?? generationId;
}

/** The credential a key name was made for, or undefined when Keywarden did not name it. */
export function credentialOfKeyName(name: string): string | undefined {
  return KEY_NAME.exec(name)?.[1];
}

/** An integration's name in `keywarden.yaml` and in `integration=<name>`. */
export const INTEGRATION_NAME = /^[a-z][a-z0-9_-]{0,39}$/;

/** A request naming an `email` invites that person (invite mode); otherwise it names an integration. */
export function isInviteMode(fields: Readonly<Record<string, string>>): boolean {
  return (fields.email ?? '') !== '';
}
