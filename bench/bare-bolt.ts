/**
 * P1's floor: a Bolt app of the same version and the same HTTP receiver as Keywarden's, whose every listener only
 * acknowledges. What Slack's request costs before any of Keywarden's work.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

export interface BareBolt {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startBareBolt(signingSecret: string, botToken: string, slackApiUrl: string): Promise<BareBolt> {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events' });
  const app = new App({ token: botToken, receiver, logLevel: LogLevel.WARN, clientOptions: { slackApiUrl } });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  const server = (await app.start(0)) as Server;
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => app.stop().then(() => undefined),
  };
}
