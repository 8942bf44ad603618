/**
 * Gotransverse as a Keywarden vendor. There is no API for users or keys, so the adapter has no actions: an
 * operator generates and deletes keys in the UI (tasks), and Keywarden proves the result by asking the API sets a
 * check needs what they make of the key (checks). Keys are named after the credential so the operator can find
 * them again.
 */
import type { Dispatcher } from 'undici';
import { VendorError } from '../errors';
import type { SecretText } from '../../secrets/secret-text';
import type { StepInput, VendorAdapter } from '../types';
import { API_SET_SLUGS, parseApiSets, type ApiSetSlug } from './apisets';
import { GotransverseClient } from './client';
import type { GotransverseConnection } from './config';
import { deleteKeyInstructions, generateKeyInstructions, keyNameFor, type KeyTaskContext } from './instructions';
import { grantTargets, targetsFor, type ProbeTarget } from './probes';
import { judgeGrant, judgeRevocation, type SetAnswer } from './verdicts';

export function createGotransverseAdapter(key: string, connection: GotransverseConnection, dispatcher?: Dispatcher) {
  const client = new GotransverseClient(connection.apiBaseUrl, dispatcher);

  /**
   * The request's API sets. The definition validated them against every set; this connection may offer fewer, and
   * an operator cannot fix that, so it fails the step as `invalid_request` rather than asking them. A revocation
   * passes no limits: a set taken out of allowed_apisets since the grant must still be proved shut.
   */
  function requestedSets(input: StepInput, limits = connection.fieldLimits.apisets): ApiSetSlug[] {
    const parsed = parseApiSets(input.fields.apisets, limits);
    if (parsed.ok) return parsed.slugs;
    throw new VendorError('invalid_request', `Gotransverse: apisets: ${parsed.problems.join('; ')}`, {
      vendor: 'Gotransverse',
    });
  }

  /**
   * Asks each target in turn, one request at a time to stay gentle with an unpublished rate limit (a 429 fails the
   * step and Temporal retries it). A refusal is about the key, not the set, so `stopAtRefusal` saves the remaining
   * calls when a verdict needs no more.
   */
  async function ask(secret: SecretText, targets: readonly ProbeTarget[], stopAtRefusal: boolean) {
    const answers: SetAnswer[] = [];
    for (const target of targets) {
      const answer = await client.probe(secret, target);
      answers.push({ slug: target.slug, answer });
      if (stopAtRefusal && answer.access === 'refused') break;
    }
    return answers;
  }

  function taskContext(input: StepInput): KeyTaskContext {
    const { credentialId, requestId, purpose } = input;
    return { credentialId, requestId, purpose, tenantUrl: connection.uiUrl };
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
      /** The pasted key opens every requested API set and none of the other sets with a probe path. */
      keyHasApisets: async (input) => {
        const requested = requestedSets(input);
        if (!input.secret) return { ok: false, detail: 'no key has been submitted yet' };
        const targets = grantTargets(requested, connection.probePaths);
        return judgeGrant(requested, await ask(input.secret, targets, true));
      },
      /** Every API set the key had refuses it as invalid. */
      keyRefused: async (input) => {
        const name = keyNameFor(input.credentialId);
        const targets = targetsFor(requestedSets(input, API_SET_SLUGS), connection.probePaths);
        if (!input.secret) {
          return { ok: false, detail: `no key was recorded for this credential, so ${name} cannot be tested` };
        }
        return judgeRevocation(name, await ask(input.secret, targets, false));
      },
    },
  } satisfies VendorAdapter;
}
