/**
 * What a chaos run came to, counted only in the fakes' own records (what Slack and the vendor saw), never in
 * Keywarden's word: per request, the keys the vendor holds under its name, the approval messages Slack accepted
 * and the reveal offers Slack delivered to the requester.
 */
import type { FakeSlack, SlackBlock } from '../test/support/fake-slack';
import type { SignedSlackClient } from '../test/support/slack-client';
import { eventually } from '../test/support/wait';
import type { FakeVectraFusion } from '../vendors/vectra-fusion/fake/server';
import { APPROVAL_CHANNEL } from '../test/support/stack';

export interface RequestRecord {
  keys: number;
  approvals: number;
  offers: number;
}

/** The fakes' records for one request id. */
export function recordOf(slack: FakeSlack, vectra: FakeVectraFusion, requestId: string): RequestRecord {
  const keys = vectra.listKeys().filter((key) => key.appname === `keywarden-${requestId}`).length;
  const approvals = slack
    .callsTo('chat.postMessage')
    .filter((c) => c.ok && c.args.channel === APPROVAL_CHANNEL && c.args.thread_ts === undefined)
    .filter((c) => JSON.stringify(c.args.blocks ?? '').includes(`"decide:${requestId}"`)).length;
  const offers = slack
    .callsTo('chat.postEphemeral')
    .filter((c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${requestId}"`)).length;
  return { keys, approvals, offers };
}

/** One scenario's line in the table: counts only, each with what it should be. */
export interface ScenarioCounts {
  scenario: string;
  /** What was done to Keywarden (kills, faults), e.g. `20 SIGKILLs (7 timed, 4 in delivery, …)`. */
  chaos: string;
  acknowledged: number;
  completed: number;
  /** Acknowledged requests that never completed within the run's bound. */
  lost: number;
  duplicateKeys: number;
  duplicateApprovals: number;
  duplicateDeliveries: number;
  /** Anything else the scenario counts (Retry-After checks, fuzz verdicts), by name. */
  extra: Record<string, number>;
  seconds: number;
}

/**
 * Counts `ids` against the fakes. `expectApproval`: each request should have exactly one approval message (false
 * for auto-approved runs, which have none).
 */
export function countRequests(
  slack: FakeSlack,
  vectra: FakeVectraFusion,
  ids: readonly string[],
  expectApproval: boolean,
): Pick<
  ScenarioCounts,
  'acknowledged' | 'completed' | 'lost' | 'duplicateKeys' | 'duplicateApprovals' | 'duplicateDeliveries'
> & { missingApprovals: number } {
  const records = ids.map((id) => recordOf(slack, vectra, id));
  return {
    acknowledged: ids.length,
    completed: records.filter((r) => r.offers >= 1 && r.keys >= 1).length,
    lost: records.filter((r) => r.offers === 0 || r.keys === 0).length,
    duplicateKeys: records.filter((r) => r.keys > 1).length,
    duplicateApprovals: records.filter((r) => r.approvals > 1).length,
    duplicateDeliveries: records.filter((r) => r.offers > 1).length,
    missingApprovals: expectApproval ? records.filter((r) => r.approvals === 0).length : 0,
  };
}

/** Waits until every id has completed (an offer delivered and a key at the vendor), or `deadline` passes. */
export async function awaitCompletion(
  slack: FakeSlack,
  vectra: FakeVectraFusion,
  ids: readonly string[],
  deadline: number,
): Promise<void> {
  while (Date.now() < deadline) {
    const open = ids.filter((id) => {
      const r = recordOf(slack, vectra, id);
      return r.offers === 0 || r.keys === 0;
    });
    if (open.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const COLUMNS: Array<[string, (c: ScenarioCounts) => string]> = [
  ['scenario', (c) => c.scenario],
  ['acked', (c) => String(c.acknowledged)],
  ['completed', (c) => String(c.completed)],
  ['lost', (c) => String(c.lost)],
  ['dup keys', (c) => String(c.duplicateKeys)],
  ['dup approvals', (c) => String(c.duplicateApprovals)],
  ['dup deliveries', (c) => String(c.duplicateDeliveries)],
  ['s', (c) => c.seconds.toFixed(0)],
];

/** The counts as a Markdown table, then each scenario's chaos and extra counts on its own line. */
export function renderTable(all: readonly ScenarioCounts[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...all.map((c) => COLUMNS.map(([, cell]) => cell(c)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const table = [line(rows[0] ?? []), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
  const notes = all.map(
    (c) =>
      `${c.scenario}: ${c.chaos}; ${Object.entries(c.extra)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  );
  return [...table, '', ...notes, ''].join('\n');
}

/**
 * For a request whose offer Slack shows more than once, clicks Reveal on every copy as its requester: how many
 * copies showed the key. The key must reveal once, whichever copy is clicked first.
 */
export async function revealsAcrossCopies(
  slack: FakeSlack,
  client: SignedSlackClient,
  requestId: string,
): Promise<number> {
  const copies = slack
    .callsTo('chat.postEphemeral')
    .filter((c) => c.ok && JSON.stringify(c.args.blocks ?? '').includes(`"reveal:${requestId}"`));
  let shown = 0;
  for (const copy of copies) {
    const before = slack.callsTo('response_url').length;
    const message = { channel: String(copy.args.channel), ts: 'ephemeral', blocks: copy.args.blocks as SlackBlock[] };
    await client.click(String(copy.args.user), message, 'Reveal', { stale: true });
    const answer = await eventually(() => slack.callsTo('response_url')[before], `reveal answer for ${requestId}`);
    if (JSON.stringify(answer.args).includes('```')) shown += 1;
  }
  return shown;
}
