/**
 * Recording a request before anyone is told it was received. The workflow start (and the group look-ups it
 * needs) runs against the acknowledgement budget: started in time, the person is told where it stands; failed
 * or not answered in time, they are told it was NOT recorded — and if a late start lands after all, they hear
 * that too.
 */
import type { BotContext } from '../../context';
import { accessFor, type Access } from '../../requests/access';
import type { StartOutcome } from '../../requests/start';
import type { ValidRequest } from '../../requests/validate';
import type { Requester } from '../../../workflows/types';
import { remaining, within } from '../../shared/bounded';

export type Recording =
  | { kind: 'recorded'; outcome: StartOutcome }
  | { kind: 'failed' }
  /** Not answered within the budget; `later` holds the outcome if it lands, undefined if it fails. */
  | { kind: 'late'; later: Promise<StartOutcome | undefined> };

/** Starts the request workflow within what is left of the budget ending at `deadline`. */
export async function recordRequest(
  ctx: BotContext,
  requestId: string,
  requester: Requester,
  request: ValidRequest,
  deadline: number,
): Promise<Recording> {
  const started = ctx.requests.start(requestId, requester, request).then(
    (outcome) => (logStart(ctx, requestId, requester.userId, request, outcome), outcome),
    (error: unknown) => {
      ctx.logger.error({ err: error, requestId }, 'could not start request workflow');
      return undefined;
    },
  );
  const bounded = await within(started, remaining(deadline));
  if (!bounded.settled) {
    ctx.logger.warn({ requestId, budgetMs: ctx.bounds.beforeAckMs }, 'request start not answered in time');
    return { kind: 'late', later: bounded.pending };
  }
  return bounded.value ? { kind: 'recorded', outcome: bounded.value } : { kind: 'failed' };
}

/** Who may request what, read from Slack within the budget; undefined when Slack failed or was too slow. */
export async function accessWithin(ctx: BotContext, userId: string, deadline: number): Promise<Access | undefined> {
  try {
    const bounded = await within(accessFor(ctx.catalog, ctx.groups, userId), remaining(deadline));
    if (bounded.settled) return bounded.value;
    ctx.logger.warn({ userId }, 'requester groups not read in time');
  } catch (error) {
    ctx.logger.error({ err: error }, 'could not read requester groups');
  }
  return undefined;
}

/**
 * One line per start attempt. Only a refusal is an audit event here: a started request records
 * `request.submitted` itself, in its workflow.
 */
function logStart(
  ctx: BotContext,
  requestId: string,
  requester: string,
  request: ValidRequest,
  outcome: StartOutcome,
): void {
  ctx.logger.info(
    {
      ...(outcome.kind === 'refused' ? { event: 'request.refused', reason: outcome.message } : {}),
      requestId,
      requester,
      vendor: request.vendorKey,
      role: request.role,
      outcome: outcome.kind,
    },
    outcome.kind === 'refused' ? 'request refused' : 'request started',
  );
}

/** What the requester is told once the request has (or has not) started. */
export function startedText(requestId: string, outcome: StartOutcome): string {
  switch (outcome.kind) {
    case 'started':
      return outcome.autoApproved
        ? `:inbox_tray: Request \`${requestId}\` is approved by policy; Keywarden is creating the key. Follow it with \`/keys status ${requestId}\`.`
        : `:inbox_tray: Request \`${requestId}\` is with the approvers. Follow it with \`/keys status ${requestId}\`.`;
    case 'duplicate':
      return `Request \`${requestId}\` is already under way; nothing new was started.`;
    case 'refused':
      return `:no_entry_sign: ${outcome.message}`;
  }
}

/** Said when the start failed or was not answered in time: the request does not exist, and what to do. */
export function notRecordedText(requestId: string, recording: Exclude<Recording, { kind: 'recorded' }>): string {
  return recording.kind === 'failed'
    ? `:warning: Request \`${requestId}\` was NOT recorded: Keywarden could not reach its workflow service. Nothing will happen with it; try again in a minute, and tell your Keywarden admins if it keeps happening.`
    : `:warning: Request \`${requestId}\` is NOT recorded: Keywarden's workflow service did not answer in time. Try again in a minute; if it goes through after all, you will be told here.`;
}

/** Said when the person's Slack groups could not be read in time, before anything was started. */
export const GROUPS_UNAVAILABLE =
  ':warning: Keywarden could not read your Slack groups just now, so nothing was recorded. Try again in a minute.';

/** A late start that landed after all, told where the person first heard it was not recorded. */
export function followLateStart(
  ctx: BotContext,
  requestId: string,
  later: Promise<StartOutcome | undefined>,
  tell: (text: string) => Promise<unknown>,
): void {
  void later
    .then((outcome) => {
      if (!outcome) return;
      const after = outcome.kind === 'started' ? 'It went through after all. ' : '';
      return tell(`${after}${startedText(requestId, outcome)}`);
    })
    .catch((error: unknown) => ctx.logger.error({ err: error, requestId }, 'could not tell of a late start'));
}
