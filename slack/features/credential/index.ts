/**
 * Owner and admin actions on a live credential — revoke now, rotate now, extend, let it expire — from reminder
 * buttons, the extend form and `/keys revoke|rotate|extend`. The credential workflow decides; refusals say why.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DURATION_HINT, parseDuration } from '../../workflows/duration';
import { credentialWorkflowId } from '../../workflows/ids';
import { ACTION_REFUSED, credentialActionUpdate } from '../../workflows/messages';
import type { CredentialAction } from '../../workflows/types';
import type { BotContext } from '../context';
import { publishHome } from '../home';
import { UNAVAILABLE } from '../views/errors';
import { REVOKE_ACTION } from '../views/home';
import { EXTEND_ACTION, EXTEND_MODAL, extendModal, LET_EXPIRE_ACTION, ROTATE_ACTION } from '../views/reminder';

const DONE: Record<CredentialAction['kind'], string> = {
  revoke: ':lock: Revoking it now; you will be told when the vendor refuses it.',
  rotate: ':arrows_counterclockwise: Rotating it now; you will get the new key to reveal.',
  extend:
    ':calendar: Extension requested; you will get a message when it takes effect (it may need an approver first).',
  let_expire: ':ok_hand: No more reminders; it will be revoked at expiry.',
};

/** Asks the credential workflow to act; returns what to tell the person. */
export async function actOnCredential(
  ctx: BotContext,
  credentialId: string,
  action: CredentialAction,
): Promise<string> {
  const audit = { credentialId, action: action.kind, userId: action.userId };
  try {
    await ctx.temporal.workflow
      .getHandle(credentialWorkflowId(credentialId))
      .executeUpdate(credentialActionUpdate, { args: [action] });
    ctx.logger.info(audit, 'credential action accepted');
    return DONE[action.kind];
  } catch (error) {
    const cause =
      error instanceof WorkflowUpdateFailedError ? (error.cause as { type?: string; message?: string }) : undefined;
    const refusal =
      error instanceof WorkflowNotFoundError
        ? `No live credential \`${credentialId}\`; it may have expired already.`
        : cause?.type === ACTION_REFUSED
          ? cause.message
          : undefined;
    if (refusal) {
      ctx.logger.warn({ event: 'credential.action_refused', ...audit, refused: refusal }, 'credential action refused');
    } else ctx.logger.error({ err: error, ...audit }, 'credential action failed');
    return `:no_entry_sign: ${refusal ?? UNAVAILABLE}`;
  }
}

const tell = (client: WebClient, userId: string, text: string) => client.chat.postMessage({ channel: userId, text });

export function registerCredentialActions(app: App, ctx: BotContext): void {
  const button = (actionId: string, kind: 'rotate' | 'let_expire' | 'revoke') =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      await tell(client, body.user.id, await actOnCredential(ctx, action.value ?? '', { kind, userId: body.user.id }));
      // Clicked in App Home: show the change there too.
      if (body.view?.type === 'home') {
        await publishHome(ctx, body.user.id).catch((error: unknown) =>
          ctx.logger.error({ err: error }, 'could not refresh App Home'),
        );
      }
    });
  button(ROTATE_ACTION, 'rotate');
  button(LET_EXPIRE_ACTION, 'let_expire');
  button(REVOKE_ACTION, 'revoke');

  app.action<BlockButtonAction>(EXTEND_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: extendModal(action.value ?? '') });
  });

  app.view(EXTEND_MODAL, async ({ ack, view, body, client }) => {
    const text = view.state.values.duration?.value?.value?.trim() ?? '';
    const extendByMs = parseDuration(text);
    if (extendByMs === undefined) {
      await ack({ response_action: 'errors', errors: { duration: `Use ${DURATION_HINT}.` } });
      return;
    }
    await ack();
    await tell(
      client,
      body.user.id,
      await actOnCredential(ctx, view.private_metadata, { kind: 'extend', userId: body.user.id, extendByMs }),
    );
  });
}
