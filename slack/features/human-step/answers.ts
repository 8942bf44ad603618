/** Sending a person's answer to a human step, and checking they may give one before a modal opens. */
import type { UpdateDefinition } from '@temporalio/common';
import { openTaskQuery, TASK_REFUSED } from '../../../workflows/messages';
import type { OpenTask } from '../../../workflows/notices';
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
  // A task's message is posted from inside the step that opens it, a moment before the workflow records the task:
  // a quick click can arrive in between. Ask again briefly, well inside the 3 s a modal's trigger lasts.
  const deadline = Date.now() + OPENING_GRACE_MS;
  for (;;) {
    const answer = await currentTask(ctx, handle, userId);
    if (!('refusal' in answer) || answer.settled || Date.now() >= deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** How long a click may wait for the task its message announces to be recorded. */
const OPENING_GRACE_MS = 1_500;

async function currentTask(
  ctx: BotContext,
  handle: TaskHandle,
  userId: string,
): Promise<{ task: OpenTask } | { refusal: string; settled: boolean }> {
  try {
    const task = await ctx.temporal.workflow.getHandle(handle.workflowId).query(openTaskQuery);
    if (!task || task.taskId !== handle.taskId) {
      return { refusal: 'This step is no longer waiting for an answer.', settled: false };
    }
    if (!task.assignees.includes(userId)) return { refusal: 'This step is assigned to someone else.', settled: true };
    return { task };
  } catch {
    return { refusal: 'This step is no longer waiting for an answer.', settled: true };
  }
}
