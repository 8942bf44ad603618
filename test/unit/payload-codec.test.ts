import { SealedPayloadCodec } from '../../secrets/payload-codec';
import { startCodecServer } from '../../server/temporal/codec-server';
import { generateSealingKeySpec, parseSealingKeys, type SealingKey } from '../../secrets/sealing';

function keys(...ids: string[]): SealingKey[] {
  return ids.flatMap((id) => {
    const parsed = parseSealingKeys(generateSealingKeySpec(id));
    if (!parsed.ok) throw new Error(parsed.problems.join());
    return parsed.keys;
  });
}

const payload = {
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode('{"purpose":"SIEM ingestion"}'),
};

test('encrypts every payload and decodes it back', async () => {
  const codec = new SealedPayloadCodec(keys('k1'));
  const [encoded] = await codec.encode([payload]);
  expect(new TextDecoder().decode(encoded?.metadata?.encoding)).toBe('binary/encrypted');
  expect(new TextDecoder().decode(encoded?.metadata?.['encryption-key-id'])).toBe('k1');
  expect(Buffer.from(encoded?.data ?? []).toString('utf8')).not.toContain('SIEM');
  const [decoded] = await codec.decode([encoded!]);
  expect(new TextDecoder().decode(decoded?.data)).toBe('{"purpose":"SIEM ingestion"}');
});

test('after a key rotation old payloads still decode; unknown keys and tampering are refused', async () => {
  const [oldKey, newKey] = keys('old', 'new');
  const [old] = await new SealedPayloadCodec([oldKey!]).encode([payload]);
  await expect(new SealedPayloadCodec([newKey!, oldKey!]).decode([old!])).resolves.toHaveLength(1);
  await expect(new SealedPayloadCodec([newKey!]).decode([old!])).rejects.toThrow('"old", which is not configured');
  const tampered = { ...old!, data: Buffer.from(old!.data!).fill(1, 20, 24) };
  await expect(new SealedPayloadCodec([oldKey!]).decode([tampered])).rejects.toThrow();
});

test('a payload too short to hold its nonce and a full tag is refused as truncated', async () => {
  const codec = new SealedPayloadCodec(keys('k1'));
  const [encoded] = await codec.encode([payload]);
  for (const length of [0, 4, 20, 27]) {
    const truncated = { ...encoded!, data: Buffer.from(encoded!.data!).subarray(0, length) };
    await expect(codec.decode([truncated])).rejects.toThrow('encrypted payload is truncated');
  }
  const cutTag = { ...encoded!, data: Buffer.from(encoded!.data!).subarray(0, encoded!.data!.length - 12) };
  await expect(codec.decode([cutTag])).rejects.toThrow();
});

test('payloads that were never encrypted pass through', async () => {
  await expect(new SealedPayloadCodec(keys('k1')).decode([payload])).resolves.toEqual([payload]);
});

test('the Web UI codec endpoint decodes what the codec encoded, and refuses garbage', async () => {
  const codec = new SealedPayloadCodec(keys('k1'));
  const server = await startCodecServer(codec, { host: '127.0.0.1', port: 0 }, 'http://127.0.0.1:8233');
  try {
    const [encoded] = await codec.encode([payload]);
    const asJson = {
      metadata: Object.fromEntries(
        Object.entries(encoded!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(encoded!.data!).toString('base64'),
    };
    const res = await fetch(`${server.url}/decode`, { method: 'POST', body: JSON.stringify({ payloads: [asJson] }) });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    const body = (await res.json()) as { payloads: Array<{ data: string }> };
    expect(Buffer.from(body.payloads[0]!.data, 'base64').toString()).toBe('{"purpose":"SIEM ingestion"}');
    const bad = await fetch(`${server.url}/decode`, {
      method: 'POST',
      body: JSON.stringify({ payloads: [{ ...asJson, data: Buffer.from('garbage').toString('base64') }] }),
    });
    expect(bad.status).toBe(400);
  } finally {
    await server.stop();
  }
});
