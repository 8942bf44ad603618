/** The bot's DM channel with a person, for every activity that writes to one. */
import type { WebClient } from '@slack/web-api';

export async function directMessageChannel(slack: WebClient, userId: string): Promise<string> {
  const channel = (await slack.conversations.open({ users: userId })).channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  return channel;
}
