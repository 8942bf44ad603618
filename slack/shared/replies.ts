/** How a `/keys` subcommand answers: in the acknowledgement when it can, else through `response_url`. */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import type { ParsedCommand } from '../keys/grammar';
import { UNAVAILABLE } from '../views/errors';

export type Ack = (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>;

export interface Replies {
  ack: Ack;
  respond: RespondFn;
  client: WebClient;
}

/** What a feature's `/keys` subcommand is given. */
export interface SubcommandInput {
  parsed: ParsedCommand;
  command: SlashCommand;
  replies: Replies;
  ctx: BotContext;
}

/** One `/keys` subcommand. It must acknowledge (once) within `ctx.bounds.beforeAckMs`. */
export type Subcommand = (input: SubcommandInput) => Promise<void>;

/** Acknowledges at once, then answers through `response_url` once Temporal (or Slack) has replied. */
export async function answerLater(replies: Replies, ctx: BotContext, answer: () => Promise<string>): Promise<void> {
  await replies.ack();
  const text = await answer().catch((error: unknown) => {
    ctx.logger.error({ err: error }, '/keys answer failed');
    return UNAVAILABLE;
  });
  await replies.respond({ response_type: 'ephemeral', text });
}

/** Tells the person privately, through `response_url`; failures are logged (the answer is best effort). */
export async function respondPrivately(replies: Replies, ctx: BotContext, text: string): Promise<void> {
  await replies
    .respond({ response_type: 'ephemeral', text })
    .catch((error: unknown) => ctx.logger.error({ err: error }, 'could not answer through response_url'));
}
