/** Small Block Kit formatting helpers shared by the views. */
import type { KnownBlock } from '@slack/types';

export type Blocks = KnownBlock[];

/** A Slack date token: shown in each reader's own time zone, with a plain fallback for notifications. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${new Date(iso).toUTCString()}>`;
}

export const mention = (userId: string): string => `<@${userId}>`;

/** Escapes text typed by users so it cannot become a mention, link or formatting. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How much of a typed value a reply quotes back: enough to recognise it, never a wall of text. */
const QUOTE_LIMIT = 60;

/**
 * Quotes a value the user typed back to them as inline code: escaped so `<!channel>`, `<@U…>` or `<http://…|…>`
 * stay text, with backticks and control characters replaced (they would end the code span or garble the line)
 * and long values cut short.
 */
export function quoteTyped(typed: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  const flat = (typed ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/`/g, "'");
  const short = flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT)}…` : flat;
  return `\`${escapeText(short)}\``;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
