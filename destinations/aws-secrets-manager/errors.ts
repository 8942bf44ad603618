/** AWS SDK failures as destination error codes: throttling and outages retry, the rest need a person. */
import { DestinationError } from '../errors';

interface AwsLikeError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

export function toDestinationError(key: string, error: unknown): DestinationError {
  if (error instanceof DestinationError) return error;
  const aws = error as AwsLikeError;
  const status = aws?.$metadata?.httpStatusCode;
  const name = aws?.name ?? 'Error';
  const message = `Secrets Manager ${key}: ${name}${aws?.message ? ` (${aws.message})` : ''}`;
  const details = { destination: key, ...(status ? { status } : {}) };
  if (THROTTLING.has(name) || status === 429) return new DestinationError('rate_limited', message, details);
  if (!status || status >= 500 || aws?.$retryable) return new DestinationError('unavailable', message, details);
  return new DestinationError('misconfigured', message, details);
}
