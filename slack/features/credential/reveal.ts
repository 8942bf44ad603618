/**
 * The one-time reveal. The credential workflow decides (owner only, first click only) and hands back the sealed
 * secret; it is opened here, shown once by replacing the ephemeral offer, and never logged. Refused attempts
 * (a second reader, someone else) are audited.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { credentialSealingContext } from '../../secrets/sealing';
import { REVEAL_REFUSED, revealUpdate } from '../../workflows/messages';
import { credentialWorkflowId } from '../../workflows/ids';
import type { BotContext } from '../context';
import { revealedSecret, REVEAL_ACTION, type RevealHandle } from '../views/delivery';
import { UNAVAILABLE } from '../views/errors';

function refusal(error: unknown): string | undefined {
  if (error instanceof WorkflowNotFoundError) return 'This key is no longer available; request a new one.';
  const cause =
    error instanceof WorkflowUpdateFailedError ? (error.cause as { type?: string; message?: string }) : undefined;
  return cause?.type === REVEAL_REFUSED ? cause.message : undefined;
}

export function registerRevealAction(app: App, ctx: BotContext): void {
  app.action<BlockButtonAction>(REVEAL_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const { credentialId, generationId } = JSON.parse(action.value ?? '{}') as RevealHandle;
    const audit = { credentialId, generationId, userId: body.user.id };
    try {
      const revealed = await ctx.temporal.workflow
        .getHandle(credentialWorkflowId(credentialId))
        .executeUpdate(revealUpdate, { args: [{ userId: body.user.id, generationId }] });
      const secret = ctx.sealer.open(revealed.secret, credentialSealingContext(revealed.generationId));
      await respond({ response_type: 'ephemeral', replace_original: true, ...revealedSecret(revealed, secret) });
      ctx.logger.info(audit, 'secret shown to its owner');
    } catch (error) {
      const reason = refusal(error);
      if (reason) ctx.logger.warn({ event: 'credential.reveal_refused', ...audit, reason }, 'reveal refused');
      else ctx.logger.error({ err: error, ...audit }, 'reveal failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:no_entry_sign: ${reason ?? UNAVAILABLE}`,
      });
    }
  });
}
