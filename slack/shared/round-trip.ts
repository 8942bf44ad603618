/**
 * "Send this update and answer the person": the one round-trip every listener makes with a workflow. The
 * workflow's update validator is the authority; its refusals (an `ApplicationFailure` of a known type) come back
 * as words for the person, a closed or unknown workflow as `gone`, anything else as a logged failure.
 */
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { BotContext } from '../context';
import { UNAVAILABLE } from '../views/errors';
import { within } from './bounded';

export type RoundTrip<Ret> =
  | { kind: 'accepted'; result: Ret }
  /** The workflow refused; `message` is its explanation, meant for the person. */
  | { kind: 'refused'; message: string }
  /** No such workflow, or it has closed and takes no more updates. */
  | { kind: 'gone' }
  /** Temporal could not be reached or failed; already logged. */
  | { kind: 'failed' };

export interface UpdateRequest<Ret, Arg> {
  workflowId: string;
  update: UpdateDefinition<Ret, [Arg]>;
  /** The update's argument, or its promise when it needs a look-up first (counted in the same wait). */
  arg: Arg | Promise<Arg>;
  /** The `ApplicationFailure` type this update's validator uses for refusals meant for the person. */
  refusalType: string;
  /** The audit event logged on a refusal (`task.refused`, …) and the fields naming who did what. */
  refusedEvent: string;
  audit: Readonly<Record<string, unknown>>;
}

/** Said when a workflow has not answered within `stillWorkingMs`; its answer follows when it comes. */
export const STILL_WORKING =
  ':hourglass_flowing_sand: Keywarden is still waiting for its workflow service to answer; you will be told here when it does. Nothing needs doing meanwhile.';

/**
 * Sends one update and waits for the workflow's answer. If that takes longer than `ctx.bounds.stillWorkingMs`,
 * `onSlow` is told once (the person hears "still working") and the wait goes on: the update keeps its id across
 * retries, so it is applied exactly once whenever the worker returns. Call it only after `ack()`.
 */
export async function sendUpdate<Ret, Arg>(
  ctx: BotContext,
  request: UpdateRequest<Ret, Arg>,
  onSlow: () => Promise<unknown>,
): Promise<RoundTrip<Ret>> {
  const work = execute(ctx, request);
  const first = await within(work, ctx.bounds.stillWorkingMs);
  if (first.settled) return first.value;
  await onSlow().catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not say "still working"'));
  return work;
}

async function execute<Ret, Arg>(ctx: BotContext, request: UpdateRequest<Ret, Arg>): Promise<RoundTrip<Ret>> {
  try {
    const handle = ctx.temporal.workflow.getHandle(request.workflowId);
    const arg = await request.arg;
    return { kind: 'accepted', result: await handle.executeUpdate(request.update, { args: [arg] }) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { kind: 'gone' };
    const message = refusalOf(error, request.refusalType);
    if (message === undefined) {
      ctx.logger.error({ err: error, ...request.audit }, `${request.update.name} update failed`);
      return { kind: 'failed' };
    }
    ctx.logger.warn(
      { event: request.refusedEvent, ...request.audit, refused: message },
      `${request.update.name} refused`,
    );
    return { kind: 'refused', message };
  }
}

/** The workflow's own explanation when it refused an update (or a query) with `type`; undefined otherwise. */
export function refusalOf(error: unknown, type: string): string | undefined {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === type && cause.message ? cause.message : undefined;
}

/** What to tell the person when an update did not go through; `gone` says what a closed workflow means here. */
export function notAcceptedText(outcome: Exclude<RoundTrip<unknown>, { kind: 'accepted' }>, gone: string): string {
  switch (outcome.kind) {
    case 'refused':
      return `:no_entry_sign: ${outcome.message}`;
    case 'gone':
      return `:no_entry_sign: ${gone}`;
    case 'failed':
      return UNAVAILABLE;
  }
}
