/** Names shared by the pure definition and the adapter. Plain code: importable by workflow code. */

/** The Automox key name for a credential; a retried step finds its key by this name instead of making another. */
export function keyNameFor(credentialId: string): string {
  return `keywarden-${credentialId}`;
}

/** A request naming an `email` invites that person (invite mode); without one, the service user's keys are used. */
export function isInviteMode(fields: Readonly<Record<string, string>>): boolean {
  return (fields.email ?? '') !== '';
}
