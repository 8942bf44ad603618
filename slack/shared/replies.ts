/** How a `/keys` subcommand answers: in the acknowledgement when it can, else through `response_url`. */
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../context';
import { UNAVAILABLE } from '../views/errors';

type Ack = (response?: { response_type: 'ephemeral'; text: string }) => Promise<void>;

export interface Replies {
  ack: Ack;
  respond: RespondFn;
  client: WebClient;
}

/** Acknowledges at once, then answers through `response_url` once Temporal (or Slack) has replied. */
export async function answerLater(replies: Replies, ctx: BotContext, answer: () => Promise<string>): Promise<void> {
  await replies.ack();
  const text = await answer().catch((error: unknown) => {
    ctx.logger.error({ err: error }, '/keys answer failed');
    return UNAVAILABLE;
  });
  await replies.respond({ response_type: 'ephemeral', text });
}
