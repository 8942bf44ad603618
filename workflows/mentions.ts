/** How a Slack user or user group is named in a message: Slack renders these as the person's or group's name. */
export const principalMention = (id: string): string => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`);
