/**
 * Turns the API sets' answers about one key into a verdict an operator can act on. Pure: the adapter asks, these
 * functions judge. Details quote the vendor's words but never the key. An answer no person at the console can
 * change (an undocumented 403) is thrown as `needs_admin` instead of handing the task back again and again.
 */
import { VendorError } from '../errors';
import type { VerifyOutcome } from '../types';
import { apiSetNames, type ApiSetSlug } from './apisets';
import type { ApiSetAccess } from './client';

/** What one API set answered. */
export interface SetAnswer {
  slug: ApiSetSlug;
  answer: ApiSetAccess;
}

type Refusal = SetAnswer & { answer: Extract<ApiSetAccess, { access: 'refused' }> };
type Denial = SetAnswer & { answer: Extract<ApiSetAccess, { access: 'denied' }> };

const isRefusal = (a: SetAnswer): a is Refusal => a.answer.access === 'refused';
const isDenial = (a: SetAnswer): a is Denial => a.answer.access === 'denied';
const isOpen = (a: SetAnswer): boolean => a.answer.access === 'allowed';
const isUnclear = (a: SetAnswer): boolean => a.answer.access === 'unclear';

/**
 * A provisioned key must open every requested set and no other (least privilege). A refused key, a missing set and
 * an extra set are all things the operator can fix in the UI, so each detail says what to do.
 */
export function judgeGrant(requested: readonly ApiSetSlug[], answers: readonly SetAnswer[]): VerifyOutcome {
  const refusal = answers.find(isRefusal);
  if (refusal) {
    const hint =
      refusal.answer.status === 401
        ? "the key's owner must be enabled, unlocked and have a current password"
        : 'paste the whole key exactly as Gotransverse showed it, from a key that has not been deleted';
    return { ok: false, detail: `the key was refused (Gotransverse said: ${refusal.answer.message}); ${hint}` };
  }
  throwIfUnclear(answers);
  // A requested set nobody answered for counts as lacking: a key is never judged complete by default.
  const lacking = requested.filter((slug) => !answers.some((a) => a.slug === slug && isOpen(a)));
  const extra = answers.filter((a) => isOpen(a) && !requested.includes(a.slug)).map((a) => a.slug);
  const problems: string[] = [];
  if (lacking.length > 0) {
    const said = saidBy(answers.filter((a) => lacking.includes(a.slug)));
    problems.push(`the key lacks ${apiSetNames(lacking)}${said ? ` (Gotransverse said: ${said})` : ''}`);
  }
  if (extra.length > 0) {
    problems.push(`the key also opens ${apiSetNames(extra)}; generate it with only ${apiSetNames(requested)}`);
  }
  return problems.length > 0
    ? { ok: false, detail: problems.join('; ') }
    : { ok: true, detail: `the key opens ${apiSetNames(requested)} and no other API set` };
}

/**
 * A revoked key must be refused as invalid (403 "Access to this API has been disallowed") by every set it had.
 *
 * A key refused only because of its owner's account (401: disabled, locked, password expired) works again once
 * the account is restored, so it is not revoked. Deleting a key in the UI is unverified, so an operator may only
 * be able to disable the owner: the task is handed back saying so, with the way out ("Cannot complete", which
 * tells the admins the key could not be proved revoked) instead of the same "delete it" again.
 */
export function judgeRevocation(keyName: string, answers: readonly SetAnswer[]): VerifyOutcome {
  if (answers.length === 0) return { ok: false, detail: 'no API set was asked about the key' };
  const open = answers.filter(isOpen).map((a) => a.slug);
  if (open.length > 0) {
    return { ok: false, detail: `the key ${keyName} still opens ${apiSetNames(open)}; delete it in Gotransverse` };
  }
  const known = answers.filter(isDenial);
  if (known.length > 0) {
    return {
      ok: false,
      detail: `Gotransverse still recognises the key ${keyName} (it said: ${saidBy(known)}); delete it in Gotransverse`,
    };
  }
  throwIfUnclear(answers);
  const accountOnly = answers.filter((a) => isRefusal(a) && a.answer.status === 401);
  if (accountOnly.length > 0) {
    return {
      ok: false,
      detail:
        `Gotransverse refuses the key only because of its owner's account (it said: ${saidBy(accountOnly)}), which ` +
        `does not revoke it: it works again once the account is restored. Delete the key ${keyName} in the ` +
        "owner's API Keys section and click Done. If Gotransverse gives you no way to delete it, click Cannot " +
        'complete and say so: the admins are then told the key could not be proved revoked',
    };
  }
  return { ok: true, detail: `every API set refuses the key (Gotransverse said: ${saidBy(answers)})` };
}

/**
 * A 403 outside the documented ones proves nothing either way, and the operator cannot change it: the admins must
 * look at what answers in front of the API (a gateway, a proxy, a newer Gotransverse).
 */
function throwIfUnclear(answers: readonly SetAnswer[]): void {
  const unclear = answers.filter(isUnclear);
  if (unclear.length === 0) return;
  throw new VendorError(
    'needs_admin',
    `Gotransverse answered ${apiSetNames(unclear.map((a) => a.slug))} with a 403 that is not one of its documented ` +
      `answers (it said: ${saidBy(unclear)}), so Keywarden cannot tell what the key opens; an admin must check ` +
      'api_base_url and whatever answers in front of the Gotransverse API, then run npm run doctor',
    { vendor: 'Gotransverse' },
  );
}

/** The distinct vendor messages among answers, in order. */
function saidBy(answers: readonly SetAnswer[]): string {
  const messages = answers.map((a) => (a.answer.access === 'allowed' ? undefined : a.answer.message));
  return [...new Set(messages.filter((m): m is string => m !== undefined))].join('; ');
}
