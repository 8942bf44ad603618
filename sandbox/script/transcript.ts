/**
 * The scripted run's readable transcript: who did what, and what Keywarden said where, with the seconds since the
 * start. Secrets are never written: a revealed key or a copied token is shown as its length.
 */
import type { Writable } from 'node:stream';

export class Transcript {
  private readonly started = Date.now();
  readonly lines: string[] = [];
  /** Writes what happened elsewhere first (Keywarden's messages), so the lines stay in the order they happened. */
  catchUp: () => void = () => undefined;

  constructor(
    private readonly out: Writable,
    private readonly names: Record<string, string> = {},
  ) {}

  /** A new part of the story (one vendor's journey). */
  section(title: string): void {
    this.write(`\n== ${title}`);
  }

  /** One step a person took: who, and what. */
  step(who: string, what: string): void {
    this.catchUp();
    this.record(who, what);
  }

  /** One line as it happens, with the seconds since the start; Slack markup is shown as Slack shows it. */
  record(who: string, what: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1).padStart(6);
    this.write(`[${seconds}s] ${who.padEnd(22)} ${oneLine(readable(what, this.names))}`);
  }

  /** A line of its own (headings, the summary). */
  write(line: string): void {
    this.lines.push(line);
    this.out.write(`${line}\n`);
  }
}

/** Slack markup and line breaks flattened to one readable line of reasonable length. */
export function oneLine(text: string, max = 220): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/:([a-z_]+):/g, '')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Mentions, channel links and dates as Slack renders them. */
export function readable(text: string, names: Record<string, string>): string {
  return text
    .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${(names[id] ?? id).split(' ')[0] ?? id}`)
    .replace(
      /<#([A-Z0-9]+)(?:\|([^>]*))?>/g,
      (_, id: string, name?: string) => `#${name ?? names[id] ?? id.toLowerCase()}`,
    )
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1');
}

/** How a secret appears in the transcript: never its value. */
export function secretShown(secret: string): string {
  return `[secret, ${secret.length} characters, not shown]`;
}

/** A Slack argument as text ('' when absent or not text). */
export function textArg(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
