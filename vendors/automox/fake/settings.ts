/**
 * What the fake does where Automox's public material is silent or contradicts itself (VENDOR-EVIDENCE §1.3, §6).
 * Contract tests run the client against every variant in `FAKE_AUTOMOX_VARIANTS`.
 */
export interface FakeAutomoxSettings {
  /**
   * The one spelling of "no account role" an invitation may use; the other answers 400. The spec's request enum
   * says `non-global-admin`; Automox's own MCP server sends `no-global-access`.
   */
  accountRoleSpelling: 'no-global-access' | 'non-global-admin';
  /** Whether zone-user pages carry `metadata` (in the spec's schema, absent from its example). */
  zoneUserMetadata: boolean;
  /** A taken key name: the spec lists no 409 for create, so 400 is as likely. */
  duplicateNameStatus: 400 | 409;
  /** A created key: 200 in the spec. */
  createStatus: 200 | 201;
  /** A disabled, expired or deleted key: "rejected", status undocumented. */
  refusalStatus: 401 | 403;
  /** Inviting someone who already has a user: 409, or 201 with an invitation without `email` (spec: email "if the user does not exist yet"). */
  existingUserInvite: 409 | 201;
}

/** The spec's word wherever it has one. */
export const SPEC_LIKE: FakeAutomoxSettings = {
  accountRoleSpelling: 'non-global-admin',
  zoneUserMetadata: false,
  duplicateNameStatus: 400,
  createStatus: 200,
  refusalStatus: 401,
  existingUserInvite: 409,
};

/** Every open choice the other way. */
export const OTHER_WAY: FakeAutomoxSettings = {
  accountRoleSpelling: 'no-global-access',
  zoneUserMetadata: true,
  duplicateNameStatus: 409,
  createStatus: 201,
  refusalStatus: 403,
  existingUserInvite: 201,
};

/** Named variants for `describe.each`. */
export const FAKE_AUTOMOX_VARIANTS: ReadonlyArray<[string, FakeAutomoxSettings]> = [
  ['spec-like', SPEC_LIKE],
  ['other-way', OTHER_WAY],
];
