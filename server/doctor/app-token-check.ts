/**
 * In Socket Mode, the app-level token is checked with the doctor's other Slack checks, before any Temporal server
 * is found, built or started: `apps.connections.open` is the call Socket Mode starts with, and it creates nothing
 * (an unused WebSocket URL expires by itself). A mistyped token then stops start-up with its fix at once.
 */
import { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../../activities/failures';
import type { KeywardenConfig } from '../../config/load';
import { boltLogger } from '../../slack/bolt-logger';
import { createLogger } from '../logger';
import type { DoctorCheck } from '../../vendors/doctor-kit';

const FIXES: Record<string, string> = {
  invalid_auth:
    'SLACK_APP_TOKEN is not a valid app-level token: create one with connections:write (Basic Information → App-Level Tokens) and copy it again',
  not_allowed_token_type:
    'SLACK_APP_TOKEN must be an app-level token (xapp-…), not a bot or user token: Basic Information → App-Level Tokens',
  missing_scope: 'the app-level token lacks connections:write: create a new one with that scope',
  token_revoked: 'the app-level token was revoked: create a new one (Basic Information → App-Level Tokens)',
};

/** The check, or undefined in HTTP mode (no app token). */
export async function appTokenCheck(slack: KeywardenConfig['slack']): Promise<DoctorCheck | undefined> {
  if (!slack.appToken) return undefined;
  const what = 'Slack: the app-level token opens a Socket Mode connection (apps.connections.open)';
  const url = slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {};
  // Silent: the check reports the outcome itself, and the client's default logger would print plain text.
  const logger = boltLogger(createLogger('silent'), 'slack-web-api');
  const client = new WebClient(slack.appToken, { ...url, logger, retryConfig: { retries: 1 }, timeout: 10_000 });
  try {
    await client.apps.connections.open();
    return { what, ok: true };
  } catch (error) {
    const code = slackErrorCode(error);
    const fix = FIXES[code ?? ''];
    if (fix) return { what, ok: false, detail: `Slack answered ${code}`, fix };
    if (code) return { what, ok: false, detail: `Slack answered ${code}`, fix: FIXES.invalid_auth };
    const detail = `Slack could not be reached (${(error as Error).message})`;
    const retry = 'check the network path to Slack (or SLACK_API_URL), then try again';
    return { what, ok: false, detail, fix: retry, transient: true };
  }
}
