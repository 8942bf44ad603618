/**
 * Encrypts every Temporal payload (AES-256-GCM, key id in the payload metadata) before it reaches the server.
 * Codec keys are derived from the sealing keys with HKDF, so whoever runs a codec endpoint for the Web UI holds
 * keys that read payloads but cannot open sealed secrets: those stay sealed inside the decoded payloads.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { GCM_IV_BYTES, GCM_TAG_BYTES, type SealingKey } from './sealing';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const INFO = 'keywarden/payload-codec/v1';

function derive(key: SealingKey): { id: string; key: Buffer } {
  return { id: key.id, key: Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), INFO, 32)) };
}

const text = (value: string) => new TextEncoder().encode(value);

export class SealedPayloadCodec implements PayloadCodec {
  private readonly current: { id: string; key: Buffer };
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly SealingKey[]) {
    const derived = keys.map(derive);
    const [first] = derived;
    if (!first) throw new Error('the payload codec needs at least one key');
    this.current = first;
    this.byId = new Map(derived.map((k) => [k.id, k.key]));
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    // The Promise constructor turns a throw into a rejection, as callers of a codec expect.
    return new Promise((resolve) =>
      resolve(
        payloads.map((payload) => {
          const iv = randomBytes(GCM_IV_BYTES);
          const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: GCM_TAG_BYTES });
          const plain = temporal.api.common.v1.Payload.encode(payload).finish();
          const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
          return { metadata: { encoding: text(ENCODING), [KEY_ID]: text(this.current.id) }, data: sealed };
        }),
      ),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decodeOne(payload))));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || new TextDecoder().decode(encoding) !== ENCODING) return payload;
    const id = new TextDecoder().decode(payload.metadata?.[KEY_ID] ?? new Uint8Array());
    const key = this.byId.get(id);
    if (!key) throw new Error(`payload encrypted with key "${id}", which is not configured`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    // Too short to hold a nonce and a full tag: a truncated payload, never a shorter tag to try.
    if (data.length < GCM_IV_BYTES + GCM_TAG_BYTES) throw new Error('encrypted payload is truncated');
    const tagStart = data.length - GCM_TAG_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, GCM_IV_BYTES), {
      authTagLength: GCM_TAG_BYTES,
    });
    decipher.setAuthTag(data.subarray(tagStart));
    const plain = Buffer.concat([decipher.update(data.subarray(GCM_IV_BYTES, tagStart)), decipher.final()]);
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
