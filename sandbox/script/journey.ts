/** What every scripted journey shares: the people, the consoles, and how an outcome is recorded. */
import type { StoredMessage } from '../../test/support/fake-slack';
import type { ConsoleBrowser } from './browser';
import type { SlackPeople } from './slack-people';
import type { Transcript } from './transcript';

export interface JourneyContext {
  people: SlackPeople;
  transcript: Transcript;
  /** Requests keys and does every human step (as the sandbox user does with real Slack). */
  requester: string;
  /** Approves in the approval channel. */
  approver: string;
  channel: string;
  /** Each vendor's web console, by its key in `keywarden.yaml`. */
  consoles: Record<string, ConsoleBrowser>;
}

/** What a journey proved, checked against the vendor fake through its console. */
export interface Outcome {
  journey: string;
  requestId: string;
  /** Delivered and revealed once, the revealed key being the one the vendor issued. */
  delivered: boolean;
  /** A wrong first attempt was handed back with the vendor's answer and then fixed. */
  retried: boolean;
  /** Revoked on request, and the vendor's console no longer holds a working key. */
  revoked: boolean;
}

export type Journey = (ctx: JourneyContext) => Promise<Outcome>;

export function consoleOf(ctx: JourneyContext, key: string): ConsoleBrowser {
  const found = ctx.consoles[key];
  if (!found) throw new Error(`no console for ${key}`);
  return found;
}

/** The whole text of a message's blocks, as a person reads it. */
export function textOf(message: StoredMessage): string {
  return JSON.stringify(message.blocks);
}

/** Requests a key and has the approver approve it; returns the request id. */
export async function requestAndApprove(ctx: JourneyContext, command: string): Promise<string> {
  const requestId = await ctx.people.keys(ctx.requester, command);
  await ctx.people.approve(ctx.approver, ctx.channel, requestId);
  return requestId;
}

/** `/keys revoke <id>` by the requester, then the DM that says the vendor now refuses the key. */
export async function revokeAndConfirm(ctx: JourneyContext, requestId: string, humanStep?: () => Promise<void>) {
  await ctx.people.command(ctx.requester, `revoke ${requestId}`);
  await humanStep?.();
  await ctx.people.dm(ctx.requester, requestId, 'the vendor now refuses it');
}
