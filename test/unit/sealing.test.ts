import { generateSealingKeySpec, parseSealingKeys, Sealer, type SealingKey } from '../../secrets/sealing';

function keys(spec: string): SealingKey[] {
  const parsed = parseSealingKeys(spec);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.keys;
}

describe('sealing', () => {
  const old = keys(generateSealingKeySpec('old'));
  const current = keys(generateSealingKeySpec('new'));

  test('round-trips and never shows the plaintext in the envelope', () => {
    const sealer = new Sealer(current);
    const envelope = sealer.seal('s3cret-value', 'credential:a');
    expect(envelope.sealed).not.toContain('s3cret');
    expect(Buffer.from(envelope.sealed, 'base64url').toString()).not.toContain('s3cret');
    expect(sealer.open(envelope, 'credential:a')).toBe('s3cret-value');
  });

  test('an envelope is bound to its credential', () => {
    const sealer = new Sealer(current);
    const envelope = sealer.seal('s3cret-value', 'credential:a');
    expect(() => sealer.open(envelope, 'credential:b')).toThrow(expect.objectContaining({ code: 'sealing_failed' }));
  });

  test('key rotation: the first key seals, older keys still open', () => {
    const before = new Sealer(old).seal('v1', 'c');
    const rotated = new Sealer([...current, ...old]);
    expect(rotated.open(before, 'c')).toBe('v1');
    expect(JSON.parse(Buffer.from(rotated.seal('v2', 'c').sealed, 'base64url').toString())).toMatchObject({
      kid: 'new',
    });
    expect(() => new Sealer(current).open(before, 'c')).toThrow('sealing key "old" is not configured');
  });

  test('tampering is detected', () => {
    const sealer = new Sealer(current);
    const envelope = JSON.parse(Buffer.from(sealer.seal('value', 'c').sealed, 'base64url').toString()) as Record<
      string,
      string
    >;
    envelope.ct = Buffer.from('forged').toString('base64');
    const forged = { sealed: Buffer.from(JSON.stringify(envelope)).toString('base64url') };
    expect(() => sealer.open(forged, 'c')).toThrow('failed authentication');
  });

  test('a truncated authentication tag is refused, however much of the real tag it keeps', () => {
    const sealer = new Sealer(current);
    const envelope = JSON.parse(Buffer.from(sealer.seal('value', 'c').sealed, 'base64url').toString()) as Record<
      string,
      string
    >;
    // Node's GCM checks only as many tag bytes as it is given unless the length is fixed: 4 would be a 2^32 forgery.
    for (const bytes of [4, 8, 12, 15]) {
      const truncated = {
        ...envelope,
        tag: Buffer.from(envelope.tag!, 'base64').subarray(0, bytes).toString('base64'),
      };
      const forged = { sealed: Buffer.from(JSON.stringify(truncated)).toString('base64url') };
      expect(() => sealer.open(forged, 'c')).toThrow(expect.objectContaining({ code: 'sealing_failed' }));
    }
  });

  test('key specs are validated with useful messages', () => {
    expect(parseSealingKeys('k1:short,k1')).toEqual({
      ok: false,
      problems: [
        'key "k1" must be 32 bytes of base64 (generate one with: openssl rand -base64 32)',
        'entry 2 must look like id:base64key (id of letters, digits, - or _)',
      ],
    });
  });
});
