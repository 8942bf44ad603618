/**
 * Vectra Fusion as a Keywarden vendor. Keywarden holds an admin netosecret; each credential is one API key whose
 * appname derives from the credential id, so a retried step finds the key it made instead of making another.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import { SecretText } from '../secret-text';
import type { StepInput, StepOutput, VendorAdapter, VerifyOutcome } from '../types';
import { VectraFusionClient, type AccessToken } from './client';
import type { VectraFusionConnection } from './config';
import { decodeNetosecret, encodeNetosecret } from './netosecret';

/** Refresh the admin token this long before the vendor says it expires. */
const TOKEN_MARGIN_MS = 60_000;

export function appnameFor(credentialId: string): string {
  return `keywarden-${credentialId}`;
}

export function createVectraFusionAdapter(
  key: string,
  connection: VectraFusionConnection,
  dispatcher?: Dispatcher,
): VendorAdapter {
  const client = new VectraFusionClient(connection.baseUrl, dispatcher);
  let adminToken: AccessToken | undefined;

  async function admin(): Promise<AccessToken> {
    if (!adminToken || adminToken.expiresAt - TOKEN_MARGIN_MS < Date.now()) {
      adminToken = await client.exchangeToken(connection.adminNetosecret);
    }
    return adminToken;
  }

  /** Mints the key, or regenerates it when an earlier attempt created it but its appkey was never recorded. */
  async function createKey(input: StepInput): Promise<StepOutput> {
    const appname = appnameFor(input.credentialId);
    const token = await admin();
    const description = `Keywarden ${input.requestId} for Slack user ${input.requesterId}: ${input.purpose}`.slice(
      0,
      500,
    );
    let appkey: SecretText;
    if (await client.getKey(token, appname)) {
      appkey = await client.regenerateKey(token, appname);
    } else {
      try {
        appkey = await client.createKey(token, { appname, role: input.role, description });
      } catch (error) {
        if (!(error instanceof VendorError && error.code === 'conflict')) throw error;
        appkey = await client.regenerateKey(token, appname);
      }
    }
    const { shortname, sharedsecret } = connection.adminNetosecret;
    const netosecret = encodeNetosecret({
      url: connection.baseUrl,
      shortname,
      appname,
      sharedsecret,
      appkey: appkey.reveal(),
    });
    return { ref: { appname }, secret: new SecretText(netosecret) };
  }

  async function deleteKey(input: StepInput): Promise<StepOutput> {
    const appname = input.ref.appname ?? appnameFor(input.credentialId);
    await client.deleteKey(await admin(), appname);
    return {};
  }

  /** Whether the credential's netosecret exchanges for a token; `unauthorized` means refused, anything else throws. */
  async function signsIn(input: StepInput): Promise<VerifyOutcome> {
    if (!input.secret) return { ok: false, detail: 'no secret has been recorded for this credential' };
    try {
      await client.exchangeToken(decodeNetosecret(input.secret.reveal()));
      return { ok: true, detail: 'the key exchanged for an access token' };
    } catch (error) {
      if (error instanceof VendorError && error.code === 'unauthorized') return { ok: false, detail: error.message };
      throw error;
    }
  }

  return {
    key,
    displayName: connection.displayName,
    roles: connection.roles,
    actions: { createKey, deleteKey },
    conditions: {},
    tasks: {},
    checks: {
      authenticates: signsIn,
      refused: async (input) => {
        if (!input.secret) {
          const appname = input.ref.appname ?? appnameFor(input.credentialId);
          return (await client.getKey(await admin(), appname))
            ? { ok: false, detail: `key ${appname} still exists` }
            : { ok: true, detail: 'no such key' };
        }
        const result = await signsIn(input);
        return result.ok
          ? { ok: false, detail: 'the key still exchanges for an access token' }
          : { ok: true, detail: 'the key is refused' };
      },
    },
  };
}
