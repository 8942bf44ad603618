/**
 * A Vectra Fusion netosecret: base64 of `{url, shortname, appname, sharedsecret, appkey}`, shown once when a key
 * is created. It is encoded, not encrypted, so a decoded netosecret is as secret as the encoded one.
 */
import { z } from 'zod';

export const netosecretSchema = z.object({
  url: z.string().url(),
  shortname: z.string().min(1),
  appname: z.string().min(1),
  sharedsecret: z.string().min(1),
  appkey: z.string().min(1),
});

export type Netosecret = z.infer<typeof netosecretSchema>;

/** Decodes a netosecret; the error message never echoes the input. */
export function decodeNetosecret(encoded: string): Netosecret {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded.trim(), 'base64').toString('utf8'));
  } catch {
    throw new Error('is not a netosecret (expected base64-encoded JSON)');
  }
  const parsed = netosecretSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new Error(`is not a netosecret (missing or invalid: ${fields})`);
  }
  return parsed.data;
}

export function encodeNetosecret(secret: Netosecret): string {
  const { url, shortname, appname, sharedsecret, appkey } = secret;
  return Buffer.from(JSON.stringify({ url, shortname, appname, sharedsecret, appkey }), 'utf8').toString('base64');
}
