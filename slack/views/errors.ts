/** What people see when Keywarden itself is in trouble: what happened and what to do, never a stack trace. */
export const UNAVAILABLE =
  ':warning: Keywarden could not reach its workflow service just now, so nothing was changed. Try again in a minute; if it keeps happening, tell your Keywarden admins.';

/** A button or form whose value Keywarden no longer understands (an old message, or a tampered payload). */
export const OUT_OF_DATE =
  ':warning: That button is out of date, so Keywarden cannot tell what it is for; nothing was changed. Use the latest message, or find your keys and tasks with `/keys list` and `/keys pending`.';

/** The same, for a form (shown under one of its fields). */
export const FORM_OUT_OF_DATE =
  'This form is out of date, so Keywarden cannot tell what it is for; nothing was changed. Close it and start again from the latest message.';
