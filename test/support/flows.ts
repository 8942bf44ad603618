/** Steps every story shares: ask for a key, find the approval message, read what a user was shown. */
import { requestStateQuery } from '../../workflows/messages';
import type { RequestState } from '../../workflows/types';
import type { SlackCall, StoredMessage } from './fake-slack';
import type { ViewPayload } from './slack-client';
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

export function approvalMessage(stack: Stack, requestId: string, channel = APPROVAL_CHANNEL): Promise<StoredMessage> {
  return eventually(
    () => stack.slack.channelMessages(channel).find((m) => JSON.stringify(m.blocks).includes(requestId)),
    `approval message for ${requestId} in ${channel}`,
  );
}

/** The lines posted in the thread of a request's approval message, oldest first. */
export async function threadTexts(stack: Stack, requestId: string): Promise<string[]> {
  const message = await approvalMessage(stack, requestId);
  return [...stack.slack.messages.values()]
    .filter((m) => m.channel === APPROVAL_CHANNEL && m.threadTs === message.ts)
    .map((m) => m.text ?? '');
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

/** The task message a person received in their DM for a request, as it looks now. */
export function taskMessageFor(
  stack: Stack,
  user: string,
  requestId: string,
  label = 'Submit key',
): Promise<StoredMessage> {
  return eventually(
    () =>
      [...stack.slack.messages.values()]
        .reverse()
        .find(
          (m) =>
            m.channel === `D${user}` &&
            JSON.stringify(m.blocks).includes(requestId) &&
            JSON.stringify(m.blocks).includes(`"${label}"`),
        ),
    `task message for ${user} on ${requestId}`,
  );
}

/** Clicks "Submit key" on a task message and submits the modal with `secret`. */
export async function submitTaskSecret(
  stack: Stack,
  user: string,
  message: StoredMessage,
  secret: string,
): Promise<void> {
  const opened = stack.slack.callsTo('views.open').length;
  await stack.client.click(user, message, 'Submit key');
  const call = await eventually(() => stack.slack.callsTo('views.open')[opened], 'secret modal');
  const res = await stack.client.submitView(user, call.args.view as ViewPayload, { secret });
  expect(res.status).toBe(200);
}

/** Direct messages a user received (text), newest last. */
export function dmTexts(stack: Stack, user: string): string[] {
  return stack.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === `D${user}` || c.args.channel === user)
    .map((c) => String(c.args.text));
}

/**
 * The one-time reveal offer a requester received for a key generation (`<requestId>` first, `<requestId>-g<n>`
 * after rotations), matched exactly so a later generation is never mistaken for an earlier one.
 */
export function deliveryOffer(stack: Stack, requestId: string, generationId = requestId): Promise<SlackCall> {
  return eventually(
    () =>
      ephemeralsTo(stack, REQUESTER).find(
        (c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${generationId}"`),
      ),
    `delivery offer for ${generationId} of ${requestId}`,
  );
}

/** Clicks Reveal on the offer as the requester; returns what the bot answered through the response URL. */
export async function clickReveal(stack: Stack, requestId: string, generationId = requestId): Promise<SlackCall> {
  const offer = await deliveryOffer(stack, requestId, generationId);
  const before = stack.slack.callsTo('response_url').length;
  const message: StoredMessage = {
    channel: String(offer.args.channel),
    ts: 'ephemeral',
    blocks: offer.args.blocks as StoredMessage['blocks'],
  };
  await stack.client.click(REQUESTER, message, 'Reveal', { stale: true });
  return eventually(() => stack.slack.callsTo('response_url')[before], 'reveal answer');
}

/** Reveals a delivered key generation as the requester and returns the secret. */
export async function revealSecret(stack: Stack, requestId: string, generationId = requestId): Promise<string> {
  const answer = await clickReveal(stack, requestId, generationId);
  const secret = /```([^`]+)```/.exec(JSON.stringify(answer.args.blocks ?? ''))?.[1];
  if (!secret) throw new Error(`no secret in the reveal answer: ${JSON.stringify(answer.args)}`);
  return secret;
}

/** The request workflow's state, as its query reports it. */
export function requestState(stack: Stack, requestId: string): Promise<RequestState> {
  return stack.temporal.workflow.getHandle(`request-${requestId}`).query(requestStateQuery);
}

/** What the bot answered a command: at once, or later through the response URL (e.g. `/keys status`). */
export async function commandAnswer(stack: Stack, user: string, text: string): Promise<string> {
  const before = stack.slack.callsTo('response_url').length;
  const res = await stack.client.command(user, text);
  expect(res.status).toBe(200);
  const immediate = res.body ? ((res.json() as { text?: string }).text ?? '') : '';
  if (immediate) return immediate;
  const later = await eventually(() => stack.slack.callsTo('response_url')[before], `answer to /keys ${text}`);
  return String(later.args.text);
}
