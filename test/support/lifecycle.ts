/** Reveal helpers that name the key generation (rotation delivers `<credentialId>-g<n>`). */
import type { SlackCall, StoredMessage } from './fake-slack';
import { ephemeralsTo, REQUESTER } from './flows';
import type { Stack } from './stack';
import { eventually } from './wait';

export async function clickRevealOf(stack: Stack, requestId: string, generationId: string): Promise<SlackCall> {
  const offer = await eventually(
    () =>
      ephemeralsTo(stack, REQUESTER).find(
        (c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${generationId}"`),
      ),
    `offer for ${generationId} of ${requestId}`,
  );
  const before = stack.slack.callsTo('response_url').length;
  const message: StoredMessage = {
    channel: String(offer.args.channel),
    ts: 'ephemeral',
    blocks: offer.args.blocks as StoredMessage['blocks'],
  };
  await stack.client.click(REQUESTER, message, 'Reveal', { stale: true });
  return eventually(() => stack.slack.callsTo('response_url')[before], 'reveal answer');
}

export async function revealGeneration(stack: Stack, requestId: string, generationId: string): Promise<string> {
  const answer = await clickRevealOf(stack, requestId, generationId);
  const secret = /```([^`]+)```/.exec(JSON.stringify(answer.args.blocks ?? ''))?.[1];
  if (!secret) throw new Error(`no secret revealed: ${JSON.stringify(answer.args)}`);
  return secret;
}
