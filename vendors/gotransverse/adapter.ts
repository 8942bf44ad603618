/**
 * Gotransverse as a Keywarden vendor. There is no API for users or keys, so the adapter has no actions: an
 * operator generates and deletes keys in the UI (tasks), and Keywarden proves the result by asking every API set
 * what it makes of the key (checks). Keys are named after the credential so the operator can find them again.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import type { SecretText } from '../secret-text';
import type { StepInput, VendorAdapter } from '../types';
import { API_SET_SLUGS, parseApiSets, type ApiSetSlug } from './apisets';
import { GotransverseClient } from './client';
import type { GotransverseConnection } from './config';
import { deleteKeyInstructions, generateKeyInstructions, keyNameFor, type KeyTaskContext } from './instructions';
import { judgeGrant, judgeRevocation, type SetAnswer } from './verdicts';

export function createGotransverseAdapter(
  key: string,
  connection: GotransverseConnection,
  dispatcher?: Dispatcher,
): VendorAdapter {
  const client = new GotransverseClient(connection.baseUrl, dispatcher);

  /**
   * The request's API sets. The definition validated them against every set; this connection may offer fewer, and
   * an operator cannot fix that, so it fails the step as `invalid_request` rather than asking them.
   */
  function requestedSets(input: StepInput): ApiSetSlug[] {
    const parsed = parseApiSets(input.fields.apisets, connection.fieldLimits.apisets);
    if (parsed.ok) return parsed.slugs;
    throw new VendorError('invalid_request', `Gotransverse: apisets: ${parsed.problems.join('; ')}`, {
      vendor: 'Gotransverse',
    });
  }

  /**
   * Asks each API set in turn, one request at a time to stay gentle with the vendor's rate limit (a 429 fails the
   * step and Temporal retries after Retry-After). A refusal is about the key, not the set, so `stopAtRefusal`
   * saves the remaining calls when a verdict needs no more.
   */
  async function askEverySet(secret: SecretText, stopAtRefusal: boolean): Promise<SetAnswer[]> {
    const answers: SetAnswer[] = [];
    for (const slug of API_SET_SLUGS) {
      const answer = await client.probe(secret, slug);
      answers.push({ slug, answer });
      if (stopAtRefusal && answer.access === 'refused') break;
    }
    return answers;
  }

  function taskContext(input: StepInput): KeyTaskContext {
    const { credentialId, requestId, purpose } = input;
    return { credentialId, requestId, purpose, tenantUrl: connection.baseUrl };
  }

  return {
    key,
    displayName: connection.displayName,
    roles: connection.roles,
    actions: {},
    conditions: {},
    tasks: {
      generateKey: (input) => generateKeyInstructions(taskContext(input), requestedSets(input)),
      deleteKey: (input) => deleteKeyInstructions(taskContext(input)),
    },
    checks: {
      /** The pasted key opens every requested API set and no other. */
      keyHasApisets: async (input) => {
        const requested = requestedSets(input);
        if (!input.secret) return { ok: false, detail: 'no key has been submitted yet' };
        return judgeGrant(requested, await askEverySet(input.secret, true));
      },
      /** Every API set refuses the credential's key as invalid. */
      keyRefused: async (input) => {
        const name = keyNameFor(input.credentialId);
        if (!input.secret) {
          return { ok: false, detail: `no key was recorded for this credential, so ${name} cannot be tested` };
        }
        return judgeRevocation(name, await askEverySet(input.secret, false));
      },
    },
  };
}
