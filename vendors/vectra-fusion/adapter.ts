/**
 * Vectra Fusion as a Keywarden vendor. Keywarden holds an admin netosecret; each credential is one API key whose
 * appname derives from the credential id, so a retried step finds the key it made instead of making another. A key
 * is delivered only after the vendor lists it with exactly the requested role (`scopeMatches`).
 */
import type { Dispatcher } from 'undici';
import type { VendorError } from '../errors';
import { SecretText } from '../../secrets/secret-text';
import type { StepInput, StepOutput, VendorAdapter, VerifyOutcome } from '../types';
import { AdminSession } from './admin';
import { apiRoot, isRefusal, VectraFusionClient } from './client';
import type { VectraFusionConnection } from './config';
import { appnameFor, describeRoles, hasExactRole, KeyKeeper } from './keys';
import { decodeNetosecret, encodeNetosecret } from './netosecret';

export { appnameFor } from './keys';

export function createVectraFusionAdapter(key: string, connection: VectraFusionConnection, dispatcher?: Dispatcher) {
  const client = new VectraFusionClient(connection.baseUrl, dispatcher);
  const keys = new KeyKeeper(client, new AdminSession(client, connection.adminNetosecret));

  async function createKey(input: StepInput): Promise<StepOutput> {
    const description = `Keywarden ${input.requestId} for Slack user ${input.requesterId}: ${input.purpose}`.slice(
      0,
      500,
    );
    const { appname, appkey } = await keys.mint(input, description);
    const { shortname, sharedsecret } = connection.adminNetosecret;
    // The delivered `url` is the API root (`…/api/v1`), as Vectra's own netosecrets carry it.
    const netosecret = encodeNetosecret({
      url: apiRoot(connection.baseUrl),
      shortname,
      appname,
      sharedsecret,
      appkey: appkey.reveal(),
    });
    return { ref: { appname }, secret: new SecretText(netosecret) };
  }

  async function deleteKey(input: StepInput): Promise<StepOutput> {
    await keys.remove(input);
    return {};
  }

  /** The refusal (401 or 404) of the credential's netosecret, or undefined when it exchanges; anything else throws. */
  async function refusalOf(secret: SecretText): Promise<VendorError | undefined> {
    try {
      await client.exchangeToken(decodeNetosecret(secret.reveal()));
      return undefined;
    } catch (error) {
      if (isRefusal(error)) return error;
      throw error;
    }
  }

  async function signsIn(input: StepInput): Promise<VerifyOutcome> {
    if (!input.secret) return { ok: false, detail: 'no secret has been recorded for this credential' };
    const refusal = await refusalOf(input.secret);
    return refusal
      ? { ok: false, detail: refusal.message }
      : { ok: true, detail: 'the key exchanged for an access token' };
  }

  /** The key at the vendor has exactly the requested role; checked before a key is delivered. */
  async function scopeMatches(input: StepInput): Promise<VerifyOutcome> {
    const appname = input.ref.appname ?? appnameFor(input.credentialId);
    const found = await keys.find(appname);
    if (!found) return { ok: false, detail: `Vectra Fusion does not list key ${appname}` };
    return hasExactRole(found, input.role)
      ? { ok: true, detail: `key ${appname} has exactly the role ${input.role}` }
      : { ok: false, detail: `key ${appname} has role ${describeRoles(found)}, not the requested ${input.role}` };
  }

  /**
   * The key is refused. With its secret: the exchange is refused with 401, or with 404 while the key is absent from
   * the list (a 404 alone could also be a wrong path). Without one (cleaning up a failed create): no key Keywarden
   * made is left under the appname.
   */
  async function refused(input: StepInput): Promise<VerifyOutcome> {
    const appname = input.ref.appname ?? appnameFor(input.credentialId);
    if (input.secret) {
      const refusal = await refusalOf(input.secret);
      if (!refusal) return { ok: false, detail: 'the key still exchanges for an access token' };
      if (refusal.code === 'unauthorized' || !(await keys.find(appname)))
        return { ok: true, detail: 'the key is refused' };
      return { ok: false, detail: `the token exchange answered 404, but key ${appname} is still listed` };
    }
    const found = await keys.find(appname);
    if (!found) return { ok: true, detail: 'no such key' };
    if (!input.ref.appname && !hasExactRole(found, input.role))
      return { ok: true, detail: `key ${appname} (role ${describeRoles(found)}) is not Keywarden's; left untouched` };
    return { ok: false, detail: `key ${appname} still exists` };
  }

  /** When the key last signed in (Vectra's `last_login`, in whole seconds); undefined when never or unknown. */
  async function lastUsed(input: StepInput): Promise<string | undefined> {
    const found = await keys.find(input.ref.appname ?? appnameFor(input.credentialId));
    return typeof found?.last_login === 'number' ? new Date(found.last_login * 1000).toISOString() : undefined;
  }

  return {
    key,
    displayName: connection.displayName,
    lastUsed,
    roles: connection.roles,
    actions: { createKey, deleteKey },
    conditions: {},
    tasks: {},
    checks: { authenticates: signsIn, scopeMatches, refused },
  } satisfies VendorAdapter;
}
