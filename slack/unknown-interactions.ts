/**
 * Clicks and form submissions no feature listens for (a button from an older version of Keywarden, a tampered
 * `action_id` or `callback_id`) must still be answered within Slack's 3 s: Bolt would leave them unacknowledged
 * until its own 3 s timeout, and Slack shows the person an error. So the features register through a recorder
 * that notes every action and view they listen for, and a last listener answers anything none of them matches
 * with what to do instead (found by the chaos suite's fuzzing, `chaos/r6-fuzz.ts`).
 */
import type { App, BlockAction, SlackViewAction } from '@slack/bolt';
import { FORM_OUT_OF_DATE, OUT_OF_DATE } from './views/errors';

type Matcher = string | RegExp | undefined;
interface ActionConstraint {
  action_id?: Matcher;
  block_id?: Matcher;
}

const matches = (matcher: Matcher, value: string | undefined) =>
  matcher === undefined || (typeof matcher === 'string' ? matcher === value : matcher.test(value ?? ''));

export interface ListenerRecorder {
  /** The app to register features on: the same app, with every `action` and `view` constraint noted. */
  app: App;
  /** Registers the listeners that answer whatever no recorded constraint matches. Call after every feature. */
  answerTheRest(): void;
}

export function recordListeners(app: App): ListenerRecorder {
  const actions: ActionConstraint[] = [];
  const views: Matcher[] = [];
  const recorder = new Proxy(app, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'action' || property === 'view') {
        return (constraint: unknown, ...listeners: unknown[]) => {
          if (property === 'action') actions.push(actionConstraint(constraint));
          else views.push(viewConstraint(constraint));
          return (value as (...args: unknown[]) => unknown).call(target, constraint, ...listeners);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  const knownAction = (action: { action_id: string; block_id: string }) =>
    actions.some((c) => matches(c.action_id, action.action_id) && matches(c.block_id, action.block_id));
  return {
    app: recorder,
    answerTheRest() {
      app.action<BlockAction>(/.*/, async ({ action, ack, body, respond }) => {
        if (knownAction(action)) return;
        await ack();
        // Buttons in messages answer through their response URL; an input in a form has none, and needs none.
        if (body.response_url)
          await respond({ response_type: 'ephemeral', replace_original: false, text: OUT_OF_DATE });
      });
      app.view<SlackViewAction>(/.*/, async ({ view, ack }) => {
        if (views.some((matcher) => matches(matcher, view.callback_id))) return;
        await ack({ response_action: 'update', view: outOfDateView });
      });
    },
  };
}

function actionConstraint(constraint: unknown): ActionConstraint {
  if (typeof constraint === 'string' || constraint instanceof RegExp) return { action_id: constraint };
  return constraint as ActionConstraint;
}

function viewConstraint(constraint: unknown): Matcher {
  if (typeof constraint === 'string' || constraint instanceof RegExp) return constraint;
  return (constraint as { callback_id?: Matcher }).callback_id;
}

const outOfDateView = {
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'Keywarden' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${FORM_OUT_OF_DATE}` } }],
};
