/** Slack Web API clients for Keywarden's two kinds of caller. */
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { boltLogger } from '../bolt-logger';
import type { KeywardenConfig } from '../config';

/**
 * `retries: 0` for activities (Temporal decides when to retry); a listener answering a click may retry once,
 * since the person is waiting and Slack allows a few seconds.
 */
export function slackWebClient(slack: KeywardenConfig['slack'], retries: number, logger?: Logger): WebClient {
  return new WebClient(slack.botToken, {
    // The client's own warnings (retries, rate limits) go into the JSON log, not plain text on stderr.
    ...(logger ? { logger: boltLogger(logger, 'slack-web-api') } : {}),
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    retryConfig: { retries },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
}
