/**
 * The root pino logger. Redaction is a safety net: secrets travel as `SecretText` (which prints `[redacted]`)
 * or as sealed envelopes, but any field that looks like a credential is censored too.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const REDACTED_PATHS = [
  'token',
  'secret',
  'password',
  'netosecret',
  'appkey',
  'sharedsecret',
  'jwt',
  'authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.netosecret',
  '*.appkey',
  '*.sharedsecret',
  '*.jwt',
  '*.authorization',
  '*.headers.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'botToken',
  'signingSecret',
  'appToken',
  '*.botToken',
  '*.signingSecret',
  '*.appToken',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'keywarden' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
