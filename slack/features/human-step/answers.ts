/** Sending a person's answer to a human step, and checking they may give one before a modal opens. */
import type { UpdateDefinition } from '@temporalio/common';
import { openTaskQuery, TASK_REFUSED } from '../../../workflows/messages';
import type { OpenTask } from '../../../workflows/types';
import type { TaskHandle } from '../../../workflows/steps';
import type { BotContext } from '../../context';
import { notAcceptedText, sendUpdate } from '../../shared/round-trip';

/**
 * Sends a submission or decline to the task's workflow; returns what to tell the person when it did not count,
 * or undefined when it was accepted. Every attempt is one log line (a refusal is the `task.refused` event).
 */
export async function answerTask<Arg>(
  ctx: BotContext,
  handle: TaskHandle,
  userId: string,
  send: { update: UpdateDefinition<void, [Arg]>; arg: Arg; done: string },
  tell: (text: string) => Promise<unknown>,
): Promise<string | undefined> {
  const audit = { requestId: handle.requestId, taskId: handle.taskId, userId };
  const outcome = await sendUpdate(
    ctx,
    { workflowId: handle.workflowId, refusalType: TASK_REFUSED, refusedEvent: 'task.refused', audit, ...send },
    () =>
      tell(
        ':hourglass_flowing_sand: Keywarden is still handing your answer to the request; you will be told here how it went.',
      ),
  );
  if (outcome.kind === 'accepted') {
    ctx.logger.info(audit, send.done);
    return undefined;
  }
  return notAcceptedText(outcome, 'This request is already closed; nothing was changed.');
}

/** Checks the clicker may act on this task before a modal is opened, so they are not asked to paste in vain. */
export async function openTaskFor(
  ctx: BotContext,
  handle: TaskHandle,
  userId: string,
): Promise<{ task: OpenTask } | { refusal: string }> {
  try {
    const task = await ctx.temporal.workflow.getHandle(handle.workflowId).query(openTaskQuery);
    if (!task || task.taskId !== handle.taskId) return { refusal: 'This step is no longer waiting for an answer.' };
    if (!task.assignees.includes(userId)) return { refusal: 'This step is assigned to someone else.' };
    return { task };
  } catch {
    return { refusal: 'This step is no longer waiting for an answer.' };
  }
}
