/**
 * Owner and admin actions on a live credential — reveal, revoke now, rotate now, extend, let it expire — from
 * delivery and reminder buttons, App Home, the extend form and `/keys revoke|rotate|extend`. The credential
 * workflow decides; refusals say why. Answers go to the person's DM, beside the reminder they came from.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { DURATION_HINT, parseDuration } from '../../../workflows/duration';
import type { BotContext } from '../../context';
import { credentialIdValue, readValue } from '../../shared/action-values';
import { directMessage, replyToClicker } from '../../shared/clicker';
import type { Feature } from '../../shared/feature';
import { publishHome } from '../../shared/home';
import { STILL_WORKING } from '../../shared/round-trip';
import { FORM_OUT_OF_DATE, OUT_OF_DATE } from '../../views/errors';
import { REVOKE_ACTION } from '../../views/home';
import { EXTEND_ACTION, EXTEND_MODAL, extendModal, LET_EXPIRE_ACTION, ROTATE_ACTION } from '../../views/reminder';
import { actOnCredential } from './act';
import { credentialCommand } from './command';
import { registerReveal } from './reveal';

function registerButtons(app: App, ctx: BotContext): void {
  const button = (actionId: string, kind: 'rotate' | 'let_expire' | 'revoke') =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const credentialId = readValue(credentialIdValue, action.value);
      if (!credentialId) return replyToClicker(body, respond, client)(OUT_OF_DATE);
      const tell = directMessage(client, body.user.id);
      await tell(await actOnCredential(ctx, credentialId, { kind, userId: body.user.id }, () => tell(STILL_WORKING)));
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

  app.action<BlockButtonAction>(EXTEND_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const credentialId = readValue(credentialIdValue, action.value);
    if (!credentialId) return replyToClicker(body, respond, client)(OUT_OF_DATE);
    await client.views.open({ trigger_id: body.trigger_id, view: extendModal(credentialId) });
  });
}

function registerExtendForm(app: App, ctx: BotContext): void {
  app.view(EXTEND_MODAL, async ({ ack, view, body, client }) => {
    const credentialId = readValue(credentialIdValue, view.private_metadata);
    if (!credentialId) return ack({ response_action: 'errors', errors: { duration: FORM_OUT_OF_DATE } });
    const extendByMs = parseDuration(view.state.values.duration?.value?.value?.trim() ?? '');
    if (extendByMs === undefined) {
      return ack({ response_action: 'errors', errors: { duration: `Use ${DURATION_HINT}.` } });
    }
    await ack();
    const tell = directMessage(client, body.user.id);
    const action = { kind: 'extend' as const, userId: body.user.id, extendByMs };
    await tell(await actOnCredential(ctx, credentialId, action, () => tell(STILL_WORKING)));
  });
}

export const credentialFeature: Feature = {
  register(app, ctx) {
    registerButtons(app, ctx);
    registerExtendForm(app, ctx);
    registerReveal(app, ctx);
  },
  subcommands: { revoke: credentialCommand, rotate: credentialCommand, extend: credentialCommand },
};
