/**
 * What the operator is asked to do in N-central's console, since it has no API for users or tokens. Pure functions
 * of the credential's names; the verify steps check by API that what is described here was done.
 */
import type { TaskInstructions } from '../types';

/** The login name of a credential's API user; the check requires exactly this name, so it is derived, not chosen. */
export function userNameFor(credentialId: string): string {
  return `keywarden-${credentialId}`;
}

/** How a configured role reads in the console: `read-only` is a Keywarden name, others are N-central role names. */
function roleLabel(role: string): string {
  return role === 'read-only' ? 'your read-only role (often "Default Dashboard Role")' : `"${role}"`;
}

export interface CreateUserTask {
  userName: string;
  role: string;
  orgUnitId: number;
}

/** Create the API-only user with no two-factor authentication, generate its JWT and hand it back. */
export function createApiUserInstructions({ userName, role, orgUnitId }: CreateUserTask): TaskInstructions {
  return {
    summary: `Create the API-only user ${userName} in N-central and generate its JSON web token`,
    steps: [
      `In the N-central console, at the level of org unit ${orgUnitId}, go to *Administration → User Management → Users* and choose *Create User*.`,
      `Set the login name to exactly \`${userName}\`: Keywarden checks the name. Any first and last name will do; give it a long random password, nobody signs in with it.`,
      `On the roles tab, assign ${roleLabel(role)} and nothing else.`,
      'Leave two-factor authentication *off* for this user: N-central does not let API users with it sign in.',
      'On the *API Access* tab, tick *API-only user*, then *Save*.',
      `Open \`${userName}\` again from the list, return to *API Access* and choose *Generate JSON Web Token*. Copy the whole token, close the dialog and save.`,
      'Paste the token into Keywarden with the *Submit key* button below, and nowhere else: it works like a password.',
    ],
    values: [
      { label: 'Login name', value: userName },
      { label: 'Role', value: role },
      { label: 'Two-factor authentication', value: 'Off' },
      { label: 'API-only user', value: 'On' },
      { label: 'Org unit id', value: String(orgUnitId) },
    ],
    secretLabel: 'JSON web token',
  };
}

export interface RevokeUserTask {
  userName: string;
  /** Learned when the token was checked; absent if provisioning never got that far. */
  userId?: string;
}

/** Make the credential's token stop working: disable the user or regenerate (and discard) its token. */
export function revokeApiUserInstructions({ userName, userId }: RevokeUserTask): TaskInstructions {
  return {
    summary: `Disable the N-central API user ${userName}, or regenerate its token`,
    steps: [
      'In the N-central console, go to *Administration → User Management → Users*.',
      `Open \`${userName}\`${userId ? ` (user id ${userId})` : ''}.`,
      'Either disable the account and save (preferred: nothing can sign in as it any more), or, on *API Access*, choose *Generate JSON Web Token* and close the dialog without copying the new token.',
      'Click *Done*. Keywarden then checks that the old token is refused.',
    ],
    values: [{ label: 'Login name', value: userName }, ...(userId ? [{ label: 'User id', value: userId }] : [])],
  };
}
