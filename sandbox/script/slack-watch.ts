/**
 * Writes what Keywarden posts to the fake Slack into the transcript as it happens: channel messages, thread
 * replies, DMs and private (ephemeral) answers. A code block (where a revealed key sits) is never written, and a
 * reminder repeating the last line in the same place is written once.
 */
import type { FakeSlack, SlackCall } from '../../test/support/fake-slack';
import { textArg, type Transcript } from './transcript';

const SHOWN = new Set(['chat.postMessage', 'chat.postEphemeral', 'response_url']);
const POLL_MS = 50;

function withoutSecrets(text: string): string {
  return text.replace(/```[^`]*```/g, '[secret]');
}

export function watchSlack(
  slack: FakeSlack,
  transcript: Transcript,
  where: (call: SlackCall) => string,
): { stop(): void } {
  let seen = 0;
  const last = new Map<string, string>();
  const flush = () => {
    for (; seen < slack.calls.length; seen++) {
      const call = slack.calls[seen];
      if (!call || !SHOWN.has(call.method) || call.ok === false) continue;
      const text = withoutSecrets(textArg(call.args.text)).trim();
      const place = where(call);
      if (!text || last.get(place) === text) continue;
      last.set(place, text);
      transcript.record(place, text);
    }
  };
  transcript.catchUp = flush;
  const timer = setInterval(flush, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
