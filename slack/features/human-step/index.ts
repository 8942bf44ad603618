/**
 * Buttons and modals of human steps. A pasted secret is sealed here, before it leaves the bot's process, and
 * reaches the workflow only through the validated `submitTask` update; refusals go back to the person alone.
 */
import type { App, BlockButtonAction, ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { credentialSealingContext } from '../../secrets/sealing';
import { declineTaskUpdate, openTaskQuery, submitTaskUpdate, TASK_REFUSED } from '../../workflows/messages';
import type { BotContext } from '../context';
import { UNAVAILABLE } from '../views/errors';
import {
  TASK_DECLINE_ACTION,
  TASK_DECLINE_MODAL,
  TASK_DONE_ACTION,
  TASK_SECRET_MODAL,
  TASK_SUBMIT_ACTION,
  taskDeclineModal,
  taskSecretModal,
  type TaskHandle,
} from '../views/task';

const tell = (client: WebClient, userId: string, text: string) => client.chat.postMessage({ channel: userId, text });

function readHandle(value: string | undefined): TaskHandle {
  return JSON.parse(value ?? '{}') as TaskHandle;
}

function textInput(view: ViewOutput, block: string): string {
  return view.state.values[block]?.value?.value?.trim() ?? '';
}

/** Sends an update; returns the person-facing refusal, or undefined when it was accepted. */
async function send(ctx: BotContext, handle: TaskHandle, run: () => Promise<void>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'This request is already closed; nothing was changed.';
    const cause =
      error instanceof WorkflowUpdateFailedError ? (error.cause as { type?: string; message?: string }) : undefined;
    if (cause?.type === TASK_REFUSED && cause.message) return cause.message;
    ctx.logger.error({ err: error, requestId: handle.requestId, taskId: handle.taskId }, 'task update failed');
    return UNAVAILABLE;
  }
}

/** Checks the clicker may act on this task before a modal is opened, so they are not asked to paste in vain. */
async function refusalBeforeModal(ctx: BotContext, handle: TaskHandle, userId: string): Promise<string | undefined> {
  try {
    const task = await ctx.temporal.workflow.getHandle(handle.workflowId).query(openTaskQuery);
    if (!task || task.taskId !== handle.taskId) return 'This step is no longer waiting for an answer.';
    if (!task.assignees.includes(userId)) return 'This step is assigned to someone else.';
    return undefined;
  } catch {
    return 'This step is no longer waiting for an answer.';
  }
}

export function registerTaskActions(app: App, ctx: BotContext): void {
  app.action<BlockButtonAction>(TASK_SUBMIT_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const handle = readHandle(action.value);
    const refusal = await refusalBeforeModal(ctx, handle, body.user.id);
    if (refusal) return void (await tell(client, body.user.id, `:no_entry_sign: ${refusal}`));
    const task = await ctx.temporal.workflow.getHandle(handle.workflowId).query(openTaskQuery);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: taskSecretModal(handle, task?.secretLabel ?? 'API key'),
    });
  });

  app.action<BlockButtonAction>(TASK_DONE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const handle = readHandle(action.value);
    const refusal = await send(ctx, handle, () =>
      ctx.temporal.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(submitTaskUpdate, { args: [{ taskId: handle.taskId, userId: body.user.id }] }),
    );
    ctx.logger.info(
      {
        requestId: handle.requestId,
        taskId: handle.taskId,
        userId: body.user.id,
        ...(refusal ? { event: 'task.refused', refused: refusal } : {}),
      },
      'task marked done',
    );
    if (refusal) await tell(client, body.user.id, `:no_entry_sign: ${refusal}`);
  });

  app.action<BlockButtonAction>(TASK_DECLINE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const handle = readHandle(action.value);
    const refusal = await refusalBeforeModal(ctx, handle, body.user.id);
    if (refusal) return void (await tell(client, body.user.id, `:no_entry_sign: ${refusal}`));
    await client.views.open({ trigger_id: body.trigger_id, view: taskDeclineModal(handle) });
  });

  app.view(TASK_SECRET_MODAL, async ({ ack, view, body, client }) => {
    const handle = readHandle(view.private_metadata);
    const pasted = textInput(view, 'secret');
    if (!pasted) return void (await ack({ response_action: 'errors', errors: { secret: 'Paste the key here.' } }));
    await ack();
    const secret = ctx.sealer.seal(pasted, credentialSealingContext(handle.credentialId));
    const refusal = await send(ctx, handle, () =>
      ctx.temporal.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(submitTaskUpdate, { args: [{ taskId: handle.taskId, userId: body.user.id, secret }] }),
    );
    ctx.logger.info(
      {
        requestId: handle.requestId,
        taskId: handle.taskId,
        userId: body.user.id,
        ...(refusal ? { event: 'task.refused', refused: refusal } : {}),
      },
      'task result submitted',
    );
    await tell(
      client,
      body.user.id,
      refusal
        ? `:no_entry_sign: ${refusal}`
        : ':lock: Received and sealed. Keywarden is checking it with the vendor; you will hear back if it does not work.',
    );
  });

  app.view(TASK_DECLINE_MODAL, async ({ ack, view, body, client }) => {
    const handle = readHandle(view.private_metadata);
    const reason = textInput(view, 'reason');
    if (!reason)
      return void (await ack({
        response_action: 'errors',
        errors: { reason: 'Say what stops you; the requester will see it.' },
      }));
    await ack();
    const refusal = await send(ctx, handle, () =>
      ctx.temporal.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(declineTaskUpdate, { args: [{ taskId: handle.taskId, userId: body.user.id, reason }] }),
    );
    ctx.logger.info(
      {
        requestId: handle.requestId,
        taskId: handle.taskId,
        userId: body.user.id,
        ...(refusal ? { event: 'task.refused', refused: refusal } : {}),
      },
      'task declined',
    );
    if (refusal) await tell(client, body.user.id, `:no_entry_sign: ${refusal}`);
  });
}
