/** Schema pieces shared by `keywarden.yaml` and every vendor's connection schema. */
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from '../workflows/duration';
import type { HumanStepPolicy } from '../workflows/types';
import { SLACK_CHANNEL, SLACK_GROUP, SLACK_USER, slackIdSchema } from './slack-id';

/** Looks up a secret by environment-variable name; supplied by the config module, the only reader of the env. */
export type ReadSecret = (name: string) => string | undefined;

export const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name');

/** Slack IDs; an almost-right one is refused with the character at fault and the shape expected. */
export const slackUserId = slackIdSchema(SLACK_USER);
export const slackChannelId = slackIdSchema(SLACK_CHANNEL);
export const slackUserGroupId = slackIdSchema(SLACK_GROUP);

/**
 * `rate_limit_per_second` in any vendor entry: how many of the vendor's steps may run per second across all
 * workers; omitted = the vendor's default (`vendors/rate-limits.ts`).
 */
export const rateLimitPerSecond = z
  .number()
  .positive('must be more than 0 steps per second')
  .max(100, 'must be at most 100 steps per second')
  .optional();

/** A duration such as `72h`, parsed to milliseconds. */
export const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration: use ${DURATION_HINT}` });
    return z.NEVER;
  }
  return ms;
});

/**
 * Who performs a vendor's human steps and how they are chased: `operator` users and/or user groups, reminders
 * every `remind_every`, and a `deadline` after which the request ends with a clear message.
 */
export const humanStepsSchema = z
  .object({
    operator: z
      .object({ users: z.array(slackUserId).default([]), groups: z.array(slackUserGroupId).default([]) })
      .strict()
      .refine((o) => o.users.length + o.groups.length > 0, 'name at least one operator user or group'),
    remind_every: duration.prefault('24h'),
    deadline: duration.prefault('72h'),
  })
  .strict();

/** The resolved `human_steps`: the very settings a request records for its human steps (one type, not two). */
export type HumanStepsConfig = HumanStepPolicy;

export function resolveHumanSteps(entry: z.infer<typeof humanStepsSchema>): HumanStepsConfig {
  return {
    operators: { users: entry.operator.users, groups: entry.operator.groups },
    remindEveryMs: entry.remind_every,
    deadlineMs: entry.deadline,
  };
}
