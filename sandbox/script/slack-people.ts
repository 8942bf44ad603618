/**
 * The scripted people of a run without Slack: they type `/keys` commands and click buttons through Keywarden's real
 * HTTP endpoint with correctly signed requests, and read what Keywarden posted from the fake Slack, as they would
 * read Slack. Each action and each message is written to the transcript as it happens.
 */
import type { FakeSlack, StoredMessage } from '../../test/support/fake-slack';
import type { SignedSlackClient, ViewPayload } from '../../test/support/slack-client';
import { eventually } from '../../test/support/wait';
import { secretShown, textArg, type Transcript } from './transcript';

/** How long a person waits for Keywarden before the run counts as failed. */
const PATIENCE_MS = 90_000;

export class SlackPeople {
  constructor(
    private readonly slack: FakeSlack,
    private readonly client: SignedSlackClient,
    private readonly transcript: Transcript,
    private readonly names: Record<string, string>,
  ) {}

  name(user: string): string {
    return this.names[user] ?? user;
  }

  /** Types `/keys <text>`; returns the request id Keywarden acknowledged. */
  async keys(user: string, text: string): Promise<string> {
    this.transcript.step(this.name(user), `types /keys ${text}`);
    const res = await this.client.command(user, text);
    const ack = textArg(res.json().text);
    this.transcript.step('Keywarden (ephemeral)', ack);
    const id = /Request `([a-z0-9]+)`/.exec(ack)?.[1];
    if (!id) throw new Error(`no request id in the answer to /keys ${text}: ${ack}`);
    return id;
  }

  /** Types any other `/keys` command and returns Keywarden's answer. */
  async command(user: string, text: string): Promise<string> {
    this.transcript.step(this.name(user), `types /keys ${text}`);
    const answer = textArg((await this.client.command(user, text)).json().text);
    if (answer) this.transcript.step('Keywarden (ephemeral)', answer);
    return answer;
  }

  /** Finds the approval message of a request in `channel` and clicks Approve. */
  async approve(user: string, channel: string, requestId: string): Promise<void> {
    const message = await this.waitFor(`the approval message for ${requestId}`, () =>
      this.slack.channelMessages(channel).find((m) => JSON.stringify(m.blocks).includes(requestId)),
    );
    this.transcript.step(this.name(user), `clicks Approve on request ${requestId}`);
    await this.client.click(user, message, 'Approve');
  }

  /**
   * The newest DM to `user` about `requestId` with a button `label` (and `words`, when given), other than the
   * messages in `seen`.
   */
  async taskMessage(
    user: string,
    requestId: string,
    label: string,
    { seen = [], words = '' }: { seen?: string[]; words?: string } = {},
  ): Promise<StoredMessage> {
    const matches = (m: StoredMessage) => {
      const text = JSON.stringify(m.blocks);
      return text.includes(requestId) && text.includes(`"${label}"`) && text.includes(words);
    };
    return this.waitFor(`a task message with "${label}" for ${requestId}`, () =>
      [...this.slack.messages.values()]
        .reverse()
        .find((m) => m.channel === `D${user}` && !seen.includes(m.ts) && matches(m)),
    );
  }

  /**
   * The task handed back after a failed check (a new message saying the last result did not check out); the
   * transcript shows the vendor's answer as the message does.
   */
  async handedBack(
    user: string,
    requestId: string,
    first: StoredMessage,
  ): Promise<{ task: StoredMessage; reason: string }> {
    const task = await this.taskMessage(user, requestId, 'Submit key', {
      seen: [first.ts],
      words: 'did not check out',
    });
    // Read now: the message changes once the task is done again.
    const reason = handedBackReason(task);
    this.transcript.step(`${this.name(user)} reads`, `"${reason}"`);
    return { task, reason };
  }

  /** Clicks Submit key on a task and pastes `secret` into the sealed form. */
  async submitSecret(user: string, task: StoredMessage, secret: string): Promise<void> {
    const opened = this.slack.callsTo('views.open').length;
    this.transcript.step(this.name(user), 'clicks Submit key');
    await this.client.click(user, task, 'Submit key');
    const call = await this.waitFor('the Submit key form', () => this.slack.callsTo('views.open')[opened]);
    this.transcript.step(this.name(user), `pastes the key into the form: ${secretShown(secret)}`);
    await this.client.submitView(user, call.args.view as ViewPayload, { secret });
  }

  async clickDone(user: string, task: StoredMessage): Promise<void> {
    this.transcript.step(this.name(user), 'clicks Done');
    await this.client.click(user, task, 'Done');
  }

  /** Waits for the private offer of a delivered key and clicks Reveal; returns the secret shown once. */
  async reveal(user: string, requestId: string): Promise<string> {
    const offer = await this.waitFor(`the reveal offer for ${requestId}`, () =>
      this.slack
        .callsTo('chat.postEphemeral')
        .find(
          (c) => c.ok && c.args.user === user && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${requestId}"`),
        ),
    );
    const before = this.slack.callsTo('response_url').length;
    const message: StoredMessage = {
      channel: String(offer.args.channel),
      ts: 'ephemeral',
      blocks: offer.args.blocks as StoredMessage['blocks'],
    };
    this.transcript.step(this.name(user), 'clicks Reveal');
    await this.client.click(user, message, 'Reveal', { stale: true });
    const answer = await this.waitFor('the revealed key', () => this.slack.callsTo('response_url')[before]);
    const secret = /```([^`]+)```/.exec(JSON.stringify(answer.args.blocks ?? ''))?.[1];
    if (!secret) throw new Error(`no key in the reveal answer for ${requestId}`);
    this.transcript.step('Keywarden (ephemeral)', `shows ${this.name(user)} the key once: ${secretShown(secret)}`);
    return secret;
  }

  /** Waits for a DM to `user` that mentions `requestId` and contains `words`. */
  dm(user: string, requestId: string, words: string): Promise<string> {
    return this.waitFor(`a DM to ${this.name(user)} saying "${words}" about ${requestId}`, () =>
      this.slack
        .callsTo('chat.postMessage')
        .map((c) => (c.args.channel === `D${user}` ? String(c.args.text) : ''))
        .find((text) => text.includes(requestId) && text.includes(words)),
    );
  }

  waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
    return eventually(probe, what, PATIENCE_MS);
  }
}

/** What the task message says was wrong with the last result. */
function handedBackReason(task: StoredMessage): string {
  const text = task.blocks.map((block) => block.text?.text ?? '').join('\n');
  return /did not check out:\*\s*([^\n]*)/.exec(text)?.[1] ?? 'the last result did not check out';
}
