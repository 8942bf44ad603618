/**
 * Reading an N-central JSON web token without verifying it. Only N-central can check the signature; Keywarden
 * reads the payload to learn the token's `exp`, because the credential must never outlive the token. Nothing here
 * puts the token, or any part of it, into a value or error that could be logged.
 */

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The claims of a token shaped like a JWT (three base64url parts whose first two are JSON objects), or undefined
 * for anything else. The signature is NOT verified: use the result for hints such as expiry, never for trust.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  const [header, payload] = parts.map(jsonObject);
  return header && payload ? payload : undefined;
}

/** When a token stops working, from its `exp` claim; undefined when it is not a JWT or carries no usable `exp`. */
export function jwtExpiresAt(token: string): Date | undefined {
  const exp = decodeJwtPayload(token)?.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return undefined;
  const at = new Date(exp * 1000);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
