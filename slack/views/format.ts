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

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
