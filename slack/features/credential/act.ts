/** Asking a credential's workflow to act for its owner or an admin; the workflow decides and says why not. */
import { credentialWorkflowId } from '../../../workflows/ids';
import { ACTION_REFUSED, credentialActionUpdate } from '../../../workflows/messages';
import type { CredentialAction } from '../../../workflows/types';
import type { BotContext } from '../../context';
import { notAcceptedText, sendUpdate } from '../../shared/round-trip';
import { quoteTyped } from '../../views/format';

const DONE: Record<CredentialAction['kind'], string> = {
  revoke: ':lock: Revoking it now; you will be told when the vendor refuses it.',
  rotate: ':arrows_counterclockwise: Rotating it now; you will get the new key to reveal.',
  extend:
    ':calendar: Extension requested; you will get a message when it takes effect (it may need an approver first).',
  let_expire: ':ok_hand: No more reminders; it will be revoked at expiry.',
};

/** Said at once when the workflow has not answered within the acknowledgement budget; its answer follows. */
export const WORKING_ON_IT =
  ':hourglass_flowing_sand: Working on it… Keywarden is waiting for the key’s workflow to answer; you will be told here whether it was done.';

/**
 * Sends the action and returns what to tell the person. `onSlow` is called once if the workflow takes longer
 * than `ctx.bounds.stillWorkingMs`; the answer still follows.
 */
export async function actOnCredential(
  ctx: BotContext,
  credentialId: string,
  action: CredentialAction,
  onSlow: () => Promise<unknown>,
): Promise<string> {
  const audit = { credentialId, action: action.kind, userId: action.userId };
  const outcome = await sendUpdate(
    ctx,
    {
      workflowId: credentialWorkflowId(credentialId),
      update: credentialActionUpdate,
      arg: action,
      refusalType: ACTION_REFUSED,
      refusedEvent: 'credential.action_refused',
      audit,
    },
    onSlow,
  );
  if (outcome.kind !== 'accepted') {
    return notAcceptedText(outcome, `No live credential ${quoteTyped(credentialId)}; it may have expired already.`);
  }
  ctx.logger.info(audit, 'credential action accepted');
  return DONE[action.kind];
}
