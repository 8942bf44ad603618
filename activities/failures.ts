/**
 * The one place where failures become Temporal retry behaviour: invalid input and refused credentials are
 * non-retryable (with a `type` tests and workflows can read), rate limits retry after the server's delay,
 * outages retry with backoff.
 */
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode as SlackErrorCode } from '@slack/web-api';
import { DestinationError } from '../destinations/errors';
import { VendorError } from '../vendors/errors';
import { SealingError } from '../secrets/sealing';

/** Slack errors worth retrying; any other platform error is a configuration or input problem. */
const RETRYABLE_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface SlackLikeError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
}

/** A coded edge failure (vendor or destination): rate limits wait the edge's delay, the rest retry by code. */
function edgeFailure(type: string, error: VendorError | DestinationError): ApplicationFailure {
  if (error.code === 'rate_limited') {
    return ApplicationFailure.create({
      type,
      message: error.message,
      nextRetryDelay: error.details.retryAfterMs ?? 5_000,
    });
  }
  return ApplicationFailure.create({ type, message: error.message, nonRetryable: !error.retryable });
}

export function toActivityFailure(error: unknown): unknown {
  if (error instanceof VendorError) return edgeFailure(`Vendor.${error.code}`, error);
  if (error instanceof DestinationError) return edgeFailure(`Destination.${error.code}`, error);
  if (error instanceof SealingError) {
    return ApplicationFailure.create({ type: 'Sealing', message: error.message, nonRetryable: true });
  }
  const slack = error as SlackLikeError;
  if (slack?.code === SlackErrorCode.RateLimitedError) {
    return ApplicationFailure.create({
      type: 'Slack.ratelimited',
      message: 'Slack rate limit',
      nextRetryDelay: (slack.retryAfter ?? 1) * 1000,
    });
  }
  if (slack?.code === SlackErrorCode.PlatformError) {
    const code = slack.data?.error ?? 'unknown';
    return ApplicationFailure.create({
      type: `Slack.${code}`,
      message: `Slack answered ${code}`,
      nonRetryable: !RETRYABLE_SLACK_ERRORS.has(code),
    });
  }
  return error;
}

/** Wraps an activity so every failure it throws goes through `toActivityFailure`. */
export function mapFailures<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw toActivityFailure(error);
    }
  };
}

/** The Slack error code of a Web API failure, e.g. `user_not_in_channel`, or undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const slack = error as SlackLikeError;
  return slack?.code === SlackErrorCode.PlatformError ? slack.data?.error : undefined;
}
