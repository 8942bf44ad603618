/** The data converter every Temporal client and worker of Keywarden uses: encrypted payloads, encoded failures. */
import type { DataConverter } from '@temporalio/common';
import { SealedPayloadCodec } from '../../secrets/payload-codec';
import type { SealingKey } from '../../secrets/sealing';

export const FAILURE_CONVERTER_PATH = require.resolve('../../workflows/failure-converter');

export function keywardenDataConverter(keys: readonly SealingKey[]): DataConverter {
  return { payloadCodecs: [new SealedPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
