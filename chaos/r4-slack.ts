/**
 * R4: Slack misbehaves. Any Web API call may be answered 429 with `Retry-After: 1` (10 %), every `chat.update`
 * may fail with a 503 (30 %), and one requester is not in the channel they asked from, so their delivery falls
 * back to their DM (`user_not_in_channel`). Nothing may be lost: every acknowledged request is delivered once,
 * after one approval message, and every approval message ends showing the outcome, not live buttons.
 */
import type { FaultRule } from '../test/support/fake-slack';
import { APPROVAL_CHANNEL, REQUEST_CHANNEL, startStack } from '../test/support/stack';
import { awaitCompletion, countRequests, type ScenarioCounts } from './counts';
import { pause, requestInBursts, startApprovers } from './people';
import type { ChaosSizes } from './sizes';

const OUTSIDER = 'UREQ2';

const slackFaults =
  (tally: Map<string, number>): FaultRule =>
  (method) => {
    const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
    if (method === 'chat.update' && Math.random() < 0.3) return (count('chat.update 503'), { error: 'http_503' });
    if (method !== 'auth.test' && Math.random() < 0.1) {
      return (count('429 Retry-After 1'), { error: 'ratelimited', retryAfterSeconds: 1 });
    }
    return undefined;
  };

export async function runR4(sizes: ChaosSizes): Promise<ScenarioCounts> {
  const began = Date.now();
  const stack = await startStack({ vendorRatePerSecond: 100 });
  const injected = new Map<string, number>();
  stack.slack.notInChannel.add(`${REQUEST_CHANNEL}/${OUTSIDER}`);
  stack.slack.faults = slackFaults(injected);
  const approvers = startApprovers(stack.slack, () => stack.client);
  try {
    const tally = await requestInBursts(() => stack.client, {
      count: sizes.r4.requests,
      burst: sizes.r4.requests,
      users: ['UREQ', OUTSIDER],
      giveUpAt: began + 60_000,
    });
    await awaitCompletion(stack.slack, stack.vectra, tally.acknowledged, Date.now() + sizes.settleMs);
    const stale = () =>
      stack.slack
        .channelMessages(APPROVAL_CHANNEL)
        .filter((m) => tally.acknowledged.some((id) => JSON.stringify(m.blocks).includes(id)))
        .filter((m) => !JSON.stringify(m.blocks).includes('Delivered')).length;
    // The last update follows the delivery; give it (and its retries through the faults) a moment to land.
    for (let waited = 0; stale() > 0 && waited < 60_000; waited += 500) await pause(500);
    const counted = countRequests(stack.slack, stack.vectra, tally.acknowledged, true);
    const outsiderOffers = stack.slack
      .callsTo('chat.postEphemeral')
      .filter((c) => c.ok && c.args.user === OUTSIDER && JSON.stringify(c.args.blocks ?? '').includes('"reveal:'));
    return {
      scenario: 'R4 Slack faults',
      chaos: [...injected].map(([what, n]) => `${n} × ${what}`).join(', ') || 'none drawn',
      ...counted,
      extra: {
        'missing approval messages': counted.missingApprovals,
        'approval messages not showing Delivered': stale(),
        'user_not_in_channel answered': stack.slack
          .callsTo('chat.postEphemeral')
          .filter((c) => c.args.channel === REQUEST_CHANNEL && c.args.user === OUTSIDER && !c.ok && !c.fault).length,
        'outsider offers delivered in their DM': outsiderOffers.filter((c) => c.args.channel === `D${OUTSIDER}`).length,
        'commands typed again (no answer)': tally.unanswered,
      },
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    await approvers.stop();
    stack.slack.faults = undefined;
    await stack.stop();
  }
}
