/** Answering the person who clicked a button, privately, wherever they clicked it. */
import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * An ephemeral reply where the button was (through its `response_url`), or a DM when there is none: buttons in
 * App Home come without one.
 */
export function replyToClicker(body: BlockAction, respond: RespondFn, client: WebClient) {
  return async (text: string): Promise<void> => {
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
    else await client.chat.postMessage({ channel: body.user.id, text });
  };
}

/** A DM to a person: how human steps and credential actions answer, so the answer sits beside the task. */
export function directMessage(client: WebClient, userId: string) {
  return async (text: string): Promise<void> => {
    await client.chat.postMessage({ channel: userId, text });
  };
}
