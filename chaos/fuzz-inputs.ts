/**
 * Inputs a careless, curious or hostile Slack workspace could send: command texts, button clicks with tampered
 * values, modal submissions with tampered metadata and fields, and requests with stale, future or wrong
 * signatures. Drawn from a seeded generator, so a run can be repeated (`KW_CHAOS_SEED`), and built on the blocks
 * and views Keywarden really posted, so tampering starts from what Slack would send back.
 */
import type { SlackBlock, StoredMessage } from '../test/support/fake-slack';
import type { ViewPayload } from '../test/support/slack-client';

/** A small, seedable PRNG (mulberry32): the same seed gives the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Draw {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A nasty string: control characters, Slack markup, unicode, injections, or just very long. */
  text(): string {
    const control = String.fromCharCode(...Array.from({ length: 1 + this.int(6) }, () => this.int(32)));
    const pieces = [
      '',
      ' ',
      control,
      // Never the words the checks look for (undefined, NaN): a reply quoting them would be a false alarm.
      'null',
      '{}',
      '[]',
      '"',
      "'",
      '`',
      '\\',
      '=',
      '=="',
      'role=',
      'ttl=-1d',
      'ttl=99999999d',
      'ttl=1.5h',
      'purpose="unclosed',
      '<@U0ADMIN>',
      '<!channel>',
      '<!here>',
      '<https://evil.example|click>',
      '*bold* _it_ ~s~',
      '${process.env}',
      '__proto__',
      'constructor',
      '🔑🦆',
      '\u202eevil',
      'é'.repeat(3),
      'request-xxxxxxxxxx',
      'a'.repeat(this.pick([100, 3_000, 20_000])),
      String(this.int(1e9)),
    ];
    return Array.from({ length: 1 + this.int(4) }, () => this.pick(pieces)).join(this.pick(['', ' ', '\n', '\t']));
  }
}

const SUBCOMMANDS = ['request', 'list', 'status', 'pending', 'vendors', 'revoke', 'rotate', 'extend', 'help', 'home'];
const VENDOR_WORDS = ['vectra', 'automox', 'ncentral', 'gotransverse', 'VECTRA', 'nope'];

/** A `/keys` text: a real subcommand with garbage around it, or garbage alone. */
export function commandText(draw: Draw, knownIds: readonly string[]): string {
  const words: string[] = [];
  if (draw.chance(0.85)) words.push(draw.pick(SUBCOMMANDS));
  if (draw.chance(0.5)) words.push(draw.pick([...VENDOR_WORDS, ...knownIds]));
  for (let i = draw.int(4); i > 0; i--) {
    words.push(
      draw.chance(0.5)
        ? `${draw.pick(['role', 'ttl', 'purpose', 'integration', 'email', 'apisets', 'x'])}=${draw.text()}`
        : draw.text(),
    );
  }
  return words.join(' ');
}

export interface ClickTemplate {
  message: StoredMessage;
  /** The App Home rather than a message. */
  home?: boolean;
}

/** A button from a real message with its value, action or block tampered (or not), clicked by anyone. */
export function tamperedClick(
  draw: Draw,
  template: ClickTemplate,
  knownIds: readonly string[],
): { block: SlackBlock; button: NonNullable<SlackBlock['elements']>[number] } | undefined {
  const blocks = template.message.blocks.filter((b) => b.elements?.some((e) => e.type === 'button'));
  if (blocks.length === 0) return undefined;
  const block = { ...draw.pick(blocks) };
  const original = draw.pick((block.elements ?? []).filter((e) => e.type === 'button'));
  const button = { ...original };
  const value = (): string =>
    draw.pick([
      draw.text(),
      `request-${draw.pick(knownIds)}`,
      JSON.stringify({ credentialId: draw.pick(knownIds), generationId: draw.text() }),
      JSON.stringify({ workflowId: draw.text(), taskId: draw.text() }),
      '{"credentialId":',
      original.value ?? '',
    ]);
  if (draw.chance(0.8)) button.value = value();
  if (draw.chance(0.15)) button.action_id = draw.pick(['unknown_action', draw.text().slice(0, 200)]);
  if (draw.chance(0.2)) block.block_id = draw.text().slice(0, 250);
  return { block, button };
}

/** A real modal's view, submitted with tampered metadata, callback and field values. */
export function tamperedView(draw: Draw, view: ViewPayload, knownIds: readonly string[]) {
  const values: Record<string, string> = {};
  for (const block of view.blocks) if (block.block_id && draw.chance(0.8)) values[block.block_id] = draw.text();
  const metadata = draw.pick([
    view.private_metadata,
    draw.text(),
    JSON.stringify({ requestId: draw.pick(knownIds), channelId: draw.text() }),
    '{"broken":',
    '',
  ]);
  return {
    view: { ...view, private_metadata: metadata, callback_id: draw.chance(0.1) ? draw.text() : view.callback_id },
    values,
  };
}

/** How a request is signed: mostly right, sometimes stale, future-dated past Slack's window, or wrong. */
export type Signing = 'valid' | 'stale' | 'future' | 'future-within-window' | 'bad-signature';

export function signing(draw: Draw): Signing {
  if (!draw.chance(0.05)) return 'valid';
  return draw.pick(['stale', 'future', 'future-within-window', 'bad-signature']);
}
