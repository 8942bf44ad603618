/**
 * The one-time reveal. The credential workflow decides (owner only, first click only) and hands back the sealed
 * secret; it is opened here, shown once by replacing the ephemeral offer, and never logged. Refused attempts
 * (a second reader, someone else) are audited.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { credentialSealingContext } from '../../../secrets/sealing';
import { credentialWorkflowId } from '../../../workflows/ids';
import { REVEAL_REFUSED, revealUpdate } from '../../../workflows/messages';
import type { BotContext } from '../../context';
import { readValue, revealHandleValue } from '../../shared/action-values';
import { notAcceptedText, sendUpdate, STILL_WORKING } from '../../shared/round-trip';
import { revealedSecret, REVEAL_ACTION } from '../../views/delivery';
import { OUT_OF_DATE } from '../../views/errors';

export function registerReveal(app: App, ctx: BotContext): void {
  app.action<BlockButtonAction>(REVEAL_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const note = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const handle = readValue(revealHandleValue, action.value);
    if (!handle) return void (await note(OUT_OF_DATE));
    const { credentialId, generationId } = handle;
    const audit = { credentialId, generationId, userId: body.user.id };
    // A slow answer is still shown when it comes: the reveal is used up once the workflow has answered.
    const outcome = await sendUpdate(
      ctx,
      {
        workflowId: credentialWorkflowId(credentialId),
        update: revealUpdate,
        arg: { userId: body.user.id, generationId },
        refusalType: REVEAL_REFUSED,
        refusedEvent: 'credential.reveal_refused',
        audit,
      },
      () => note(STILL_WORKING),
    );
    if (outcome.kind !== 'accepted') {
      return void (await note(notAcceptedText(outcome, 'This key is no longer available; request a new one.')));
    }
    const revealed = outcome.result;
    try {
      const secret = ctx.sealer.open(revealed.secret, credentialSealingContext(revealed.generationId));
      await respond({ response_type: 'ephemeral', replace_original: true, ...revealedSecret(revealed, secret) });
      ctx.logger.info(audit, 'secret shown to its owner');
    } catch (error) {
      ctx.logger.error({ err: error, ...audit }, 'reveal failed after the workflow answered');
      await note(notAcceptedText({ kind: 'failed' }, ''));
    }
  });
}
