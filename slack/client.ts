/** Slack Web API clients for Keywarden's two kinds of caller, logging through pino and counting failures. */
import { ErrorCode, WebClient, type WebAPICallResult } from '@slack/web-api';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger';
import type { KeywardenConfig } from '../config/load';

export interface SlackClientOptions {
  /**
   * `0` for activities (Temporal decides when to retry); a listener answering a click may retry once, since the
   * person is waiting and Slack allows a few seconds.
   */
  retries: number;
  /** The client's own warnings (retries, rate limits) go into the JSON log, not plain text on stderr. */
  logger?: Logger;
  /** Told of every failed call, with Slack's error code (`ratelimited`, `channel_not_found`, …). */
  onError?: (method: string, error: string) => void;
}

/** A `WebClient` that reports every failed call; every method helper goes through `apiCall`. */
class ObservedWebClient extends WebClient {
  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly onError: (method: string, error: string) => void,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      this.onError(method, slackErrorName(error));
      throw error;
    }
  }
}

function slackErrorName(error: unknown): string {
  const coded = error as { code?: string; data?: { error?: string } };
  if (coded.code === ErrorCode.PlatformError) return coded.data?.error ?? 'unknown';
  if (coded.code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (coded.code === ErrorCode.RequestError) return 'request_error';
  if (coded.code === ErrorCode.HTTPError) return 'http_error';
  return 'unknown';
}

export function slackWebClient(slack: KeywardenConfig['slack'], options: SlackClientOptions): WebClient {
  const clientOptions: ConstructorParameters<typeof WebClient>[1] = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    ...(options.logger ? { logger: boltLogger(options.logger, 'slack-web-api') } : {}),
    retryConfig: { retries: options.retries },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  return options.onError
    ? new ObservedWebClient(slack.botToken, clientOptions, options.onError)
    : new WebClient(slack.botToken, clientOptions);
}
