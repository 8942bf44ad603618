/**
 * HS256 signing for the fake N-central, which issues and checks its own user JWTs. Production code never signs
 * or verifies N-central tokens (only N-central can), so this lives with the fake.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeJwtPayload } from '../jwt';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${signature(body, secret)}`;
}

/** The claims of a token signed with `secret` using HS256, or undefined when it is malformed or forged. */
export function verifyHs256(token: string, secret: string): Record<string, unknown> | undefined {
  const [header, payload, sig] = token.split('.');
  if (header !== HEADER || !payload || !sig) return undefined;
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return decodeJwtPayload(token);
}
