/** HS256 JSON Web Tokens, as Vectra Fusion's token exchange expects them. Small enough not to need a library. */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export interface NetoClaims {
  iat: number;
  jti: string;
  appname: string;
  appkey: string;
  shortname: string;
}

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function signNetoJwt(claims: Omit<NetoClaims, 'iat' | 'jti'>, sharedsecret: string, now = Date.now()): string {
  const payload: NetoClaims = { iat: Math.floor(now / 1000), jti: randomUUID(), ...claims };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${signature(body, sharedsecret)}`;
}

/** The claims of a correctly signed HS256 token, or undefined when the token is malformed or forged. */
export function verifyHs256(token: string, sharedsecret: string): Record<string, unknown> | undefined {
  const [header, payload, sig] = token.split('.');
  if (!header || !payload || !sig) return undefined;
  const expected = Buffer.from(signature(`${header}.${payload}`, sharedsecret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    if (alg !== 'HS256') return undefined;
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
