/** Steps every story shares: ask for a key, find the approval message, read what a user was shown. */
import type { SlackCall, StoredMessage } from './fake-slack';
import { APPROVAL_CHANNEL, type Stack } from './stack';
import { eventually } from './wait';

export const REQUESTER = 'UREQ';

/** Types a complete request and returns its id, read from the bot's acknowledgement. */
export async function requestKey(
  stack: Stack,
  text = 'request vectra role=readonly ttl=30d purpose="SIEM ingestion"',
  user = REQUESTER,
): Promise<string> {
  const res = await stack.client.command(user, text);
  expect(res.status).toBe(200);
  const ack = (res.json() as { text?: string }).text ?? '';
  const id = /Request `([a-z0-9]+)`/.exec(ack)?.[1];
  if (!id) throw new Error(`no request id in acknowledgement: ${ack}`);
  return id;
}

export function approvalMessage(stack: Stack, requestId: string): Promise<StoredMessage> {
  return eventually(
    () => stack.slack.channelMessages(APPROVAL_CHANNEL).find((m) => JSON.stringify(m.blocks).includes(requestId)),
    `approval message for ${requestId}`,
  );
}

/** The current text of a stored message's blocks, as one string. */
export function messageText(stack: Stack, message: StoredMessage): string {
  const current = stack.slack.messages.get(`${message.channel}/${message.ts}`) ?? message;
  return JSON.stringify(current.blocks);
}

export function ephemeralsTo(stack: Stack, user: string): SlackCall[] {
  return stack.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
}

export function dmsTo(stack: Stack, user: string): string[] {
  return stack.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === `D${user}`)
    .map((c) => String(c.args.text));
}
