/**
 * The `/keys` grammar: a subcommand, positional words, and `key=value` pairs whose values may be quoted.
 * Slack clients often turn straight quotes into curly ones, so both count.
 */
import { quoteTyped } from '../views/format';

export interface ParsedCommand {
  subcommand: string;
  positional: string[];
  options: Map<string, string>;
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: string };

const OPEN_QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
const KEY = /^[a-z][a-z0-9_]*$/;

/** Splits text into words, honouring quotes; returns an error message for an unterminated quote. */
export function tokenize(text: string): string[] | string {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let closing: string | undefined;
  for (const char of text) {
    if (closing) {
      if (char === closing) closing = undefined;
      else current += char;
    } else if (OPEN_QUOTES[char]) {
      closing = OPEN_QUOTES[char];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (closing) return `a quote is not closed: add the closing ${closing}`;
  if (inWord) words.push(current);
  return words;
}

export function parseCommand(text: string): ParseResult {
  const words = tokenize(text);
  if (typeof words === 'string') return { ok: false, error: words };
  const [subcommand = 'help', ...rest] = words;
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (const word of rest) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      positional.push(word);
      continue;
    }
    const key = word.slice(0, eq).toLowerCase();
    if (!KEY.test(key)) return { ok: false, error: `${quoteTyped(word)} is not a key=value pair` };
    if (options.has(key)) return { ok: false, error: `${quoteTyped(key)} is given twice` };
    options.set(key, word.slice(eq + 1));
  }
  return { ok: true, command: { subcommand: subcommand.toLowerCase(), positional, options } };
}
