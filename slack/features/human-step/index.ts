/**
 * Buttons and modals of human steps. A pasted secret is sealed here, before it leaves the bot's process, and
 * reaches the workflow only through the validated `submitTask` update; refusals go back to the person alone.
 */
import type { App, BlockButtonAction, ViewOutput } from '@slack/bolt';
import { credentialSealingContext } from '../../../secrets/sealing';
import { declineTaskUpdate, submitTaskUpdate } from '../../../workflows/messages';
import type { BotContext } from '../../context';
import { readValue, taskHandleValue } from '../../shared/action-values';
import { directMessage, replyToClicker } from '../../shared/clicker';
import type { Feature } from '../../shared/feature';
import { FORM_OUT_OF_DATE, OUT_OF_DATE } from '../../views/errors';
import {
  TASK_DECLINE_ACTION,
  TASK_DECLINE_MODAL,
  TASK_DONE_ACTION,
  TASK_SECRET_MODAL,
  TASK_SUBMIT_ACTION,
  taskDeclineModal,
  taskSecretModal,
} from '../../views/task';
import { answerTask, openTaskFor } from './answers';

function textInput(view: ViewOutput, block: string): string {
  return view.state.values[block]?.value?.value?.trim() ?? '';
}

const SEALED =
  ':lock: Received and sealed. Keywarden is checking it with the vendor; you will hear back if it does not work.';

function registerButtons(app: App, ctx: BotContext): void {
  /** Submit key and Cannot complete: check first, then open the modal that takes the answer. */
  const opensModal = (actionId: string, kind: 'secret' | 'decline') =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const handle = readValue(taskHandleValue, action.value);
      if (!handle) return replyToClicker(body, respond, client)(OUT_OF_DATE);
      const open = await openTaskFor(ctx, handle, body.user.id);
      if ('refusal' in open) return directMessage(client, body.user.id)(`:no_entry_sign: ${open.refusal}`);
      const view =
        kind === 'secret' ? taskSecretModal(handle, open.task.secretLabel ?? 'API key') : taskDeclineModal(handle);
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
  opensModal(TASK_SUBMIT_ACTION, 'secret');
  opensModal(TASK_DECLINE_ACTION, 'decline');

  app.action<BlockButtonAction>(TASK_DONE_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const handle = readValue(taskHandleValue, action.value);
    if (!handle) return replyToClicker(body, respond, client)(OUT_OF_DATE);
    const tell = directMessage(client, body.user.id);
    const arg = { taskId: handle.taskId, userId: body.user.id };
    const refusal = await answerTask(
      ctx,
      handle,
      body.user.id,
      { update: submitTaskUpdate, arg, done: 'task marked done' },
      tell,
    );
    if (refusal) await tell(refusal);
  });
}

function registerModals(app: App, ctx: BotContext): void {
  app.view(TASK_SECRET_MODAL, async ({ ack, view, body, client }) => {
    const handle = readValue(taskHandleValue, view.private_metadata);
    if (!handle) return ack({ response_action: 'errors', errors: { secret: FORM_OUT_OF_DATE } });
    const pasted = textInput(view, 'secret');
    if (!pasted) return ack({ response_action: 'errors', errors: { secret: 'Paste the key here.' } });
    await ack();
    const secret = ctx.sealer.seal(pasted, credentialSealingContext(handle.credentialId));
    const tell = directMessage(client, body.user.id);
    const arg = { taskId: handle.taskId, userId: body.user.id, secret };
    const refusal = await answerTask(
      ctx,
      handle,
      body.user.id,
      { update: submitTaskUpdate, arg, done: 'task result submitted' },
      tell,
    );
    await tell(refusal ?? SEALED);
  });

  app.view(TASK_DECLINE_MODAL, async ({ ack, view, body, client }) => {
    const handle = readValue(taskHandleValue, view.private_metadata);
    if (!handle) return ack({ response_action: 'errors', errors: { reason: FORM_OUT_OF_DATE } });
    const reason = textInput(view, 'reason');
    if (!reason) {
      return ack({ response_action: 'errors', errors: { reason: 'Say what stops you; the requester will see it.' } });
    }
    await ack();
    const tell = directMessage(client, body.user.id);
    const arg = { taskId: handle.taskId, userId: body.user.id, reason };
    const refusal = await answerTask(
      ctx,
      handle,
      body.user.id,
      { update: declineTaskUpdate, arg, done: 'task declined' },
      tell,
    );
    if (refusal) await tell(refusal);
  });
}

export const humanStepFeature: Feature = {
  register(app, ctx) {
    registerButtons(app, ctx);
    registerModals(app, ctx);
  },
};
