/** What people see when Keywarden itself is in trouble: what happened and what to do, never a stack trace. */
export const UNAVAILABLE =
  ':warning: Keywarden could not reach its workflow service just now, so nothing was changed. Try again in a minute; if it keeps happening, tell your Keywarden admins.';
