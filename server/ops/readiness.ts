/**
 * Readiness that tells the truth: Temporal answers (a bounded system-info call) and Slack accepts the bot token
 * (`auth.test`, remembered briefly so a scraping load balancer cannot push Keywarden into Slack's rate limits).
 */
import type { WebClient } from '@slack/web-api';
import type { Connection } from '@temporalio/client';

export interface ReadinessCheck {
  name: 'temporal' | 'slack';
  ok: boolean;
  detail: string;
}

export type Readiness = () => Promise<ReadinessCheck[]>;

const TEMPORAL_TIMEOUT_MS = 2_000;
/** A good Slack answer is trusted this long; a bad one only briefly, so recovery shows quickly. */
const SLACK_GOOD_FOR_MS = 60_000;
const SLACK_BAD_FOR_MS = 5_000;

export function createReadiness(temporal: Connection, slack: WebClient): Readiness {
  let slackAnswer: { at: number; check: ReadinessCheck } | undefined;

  async function temporalCheck(): Promise<ReadinessCheck> {
    try {
      await temporal.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () => temporal.workflowService.getSystemInfo({}));
      return { name: 'temporal', ok: true, detail: 'the Temporal frontend answers' };
    } catch (error) {
      return { name: 'temporal', ok: false, detail: `Temporal does not answer: ${(error as Error).message}` };
    }
  }

  async function slackCheck(): Promise<ReadinessCheck> {
    const now = Date.now();
    if (slackAnswer && now - slackAnswer.at < (slackAnswer.check.ok ? SLACK_GOOD_FOR_MS : SLACK_BAD_FOR_MS)) {
      return slackAnswer.check;
    }
    let check: ReadinessCheck;
    try {
      await slack.auth.test();
      check = { name: 'slack', ok: true, detail: 'Slack accepts the bot token' };
    } catch (error) {
      check = { name: 'slack', ok: false, detail: `Slack does not accept the bot token: ${(error as Error).message}` };
    }
    slackAnswer = { at: now, check };
    return check;
  }

  return () => Promise.all([temporalCheck(), slackCheck()]);
}
