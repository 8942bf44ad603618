/**
 * Sealing: AES-256-GCM envelopes for every secret Keywarden handles. A secret is sealed in the process that
 * first sees it and travels through Temporal only as an envelope; only activities that must use it open it.
 * The first key seals; every key opens, so sealing keys can be rotated without stranding old envelopes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SealedSecret } from '../workflows/types';

export interface SealingKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** GCM's full 128-bit tag and 96-bit nonce. Node accepts tags as short as 4 bytes unless told the length. */
export const GCM_TAG_BYTES = 16;
export const GCM_IV_BYTES = 12;

export type SealingKeysResult = { ok: true; keys: SealingKey[] } | { ok: false; problems: string[] };

/** Parses `id:base64key,...` (32-byte keys). Returns the problems instead of throwing, for the config report. */
export function parseSealingKeys(spec: string): SealingKeysResult {
  const problems: string[] = [];
  const keys: SealingKey[] = [];
  for (const [index, part] of spec.split(',').entries()) {
    const [id, encoded, ...rest] = part.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length > 0) {
      problems.push(`entry ${index + 1} must look like id:base64key (id of letters, digits, - or _)`);
    } else if (key.length !== 32) {
      problems.push(`key "${id}" must be 32 bytes of base64 (generate one with: openssl rand -base64 32)`);
    } else if (keys.some((k) => k.id === id)) {
      problems.push(`key id "${id}" appears twice`);
    } else {
      keys.push({ id, key });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, keys };
}

export function generateSealingKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const envelopeSchema = z.object({
  v: z.literal(1),
  kid: z.string(),
  iv: z.string(),
  ct: z.string(),
  tag: z.string(),
});

export class SealingError extends Error {
  readonly code = 'sealing_failed';
  constructor(message: string) {
    super(message);
    this.name = 'SealingError';
  }
}

/**
 * Seals and opens secrets. `context` is bound into the GCM tag (additional authenticated data), so an envelope
 * made for one credential cannot be replayed as another's.
 */
export class Sealer {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly current: SealingKey;

  constructor(keys: readonly SealingKey[]) {
    const [first] = keys;
    if (!first) throw new SealingError('at least one sealing key is required');
    this.current = first;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  seal(plaintext: string, context: string): SealedSecret {
    const iv = randomBytes(GCM_IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: GCM_TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const envelope = {
      v: 1,
      kid: this.current.id,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    return { sealed: Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url') };
  }

  open(secret: SealedSecret, context: string): string {
    let envelope: z.infer<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(Buffer.from(secret.sealed, 'base64url').toString('utf8')));
    } catch {
      throw new SealingError('not a Keywarden sealed envelope');
    }
    const key = this.byId.get(envelope.kid);
    if (!key)
      throw new SealingError(`sealing key "${envelope.kid}" is not configured; it is needed to open this secret`);
    const iv = Buffer.from(envelope.iv, 'base64');
    const tag = Buffer.from(envelope.tag, 'base64');
    // A shortened tag would make forgery far cheaper; only the full tag we write is accepted.
    if (iv.length !== GCM_IV_BYTES || tag.length !== GCM_TAG_BYTES) {
      throw new SealingError('sealed secret failed authentication (truncated or malformed envelope)');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealingError('sealed secret failed authentication (wrong key, wrong credential, or tampered)');
    }
  }
}

/** The sealing context that binds an envelope to one key generation of a credential. */
export const credentialSealingContext = (credentialId: string): string => `credential:${credentialId}`;
