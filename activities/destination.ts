/**
 * Handing a key generation to the request's destination. The sealed secret is opened here, wrapped in
 * `SecretText` (which never prints), passed to the destination and dropped; what comes back and what is logged is
 * the destination's receipt, never the key.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import type { DestinationRegistry } from '../destinations/registry';
import { idempotencyKeyFor } from '../destinations/types';
import { credentialSealingContext, type Sealer } from '../secrets/sealing';
import { SecretText } from '../secrets/secret-text';
import type { HandoverInput, HandoverResult } from '../workflows/activity-contract';
import { mapFailures } from './failures';

export interface DestinationActivityDeps {
  destinations?: DestinationRegistry;
  sealer: Sealer;
  logger: Logger;
}

export function createDestinationActivities({ destinations, sealer, logger }: DestinationActivityDeps) {
  return {
    /** Writes one generation to its destination; the destination makes a retry idempotent by the generation's key. */
    deliverToDestination: mapFailures(async (input: HandoverInput): Promise<HandoverResult> => {
      const { request } = input;
      const key = request.destination?.key ?? '';
      const destination = destinations?.get(key);
      if (!destination) {
        throw ApplicationFailure.create({
          type: 'DestinationNotConfigured',
          message: `destination "${key}" is not configured on this worker`,
          nonRetryable: true,
        });
      }
      const secret = new SecretText(sealer.open(input.secret, credentialSealingContext(input.generationId)));
      const receipt = await destination.deliver({
        credentialId: input.credentialId,
        generationId: input.generationId,
        generation: input.generation,
        idempotencyKey: idempotencyKeyFor(input.generationId),
        vendor: request.vendor,
        role: request.role,
        requestId: request.requestId,
        expiresAt: input.expiresAt,
        secret,
      });
      logger.info(
        { requestId: request.requestId, destination: key, generationId: input.generationId, ...receipt },
        'key written to destination',
      );
      return receipt;
    }),
  };
}
