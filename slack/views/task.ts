/** A human step in Slack: the task message (instructions, exact values, buttons) and its two modals. */
import type { View } from '@slack/types';
import type { TaskHandle, TaskMessageInput } from '../../workflows/steps';

export type { TaskHandle, TaskMessageInput };
import { context, escapeText, mention, section, slackDate, type Blocks } from './format';

export const TASK_SUBMIT_ACTION = 'task_submit';
export const TASK_DONE_ACTION = 'task_done';
export const TASK_DECLINE_ACTION = 'task_decline';
export const TASK_SECRET_MODAL = 'task_secret_modal';
export const TASK_DECLINE_MODAL = 'task_decline_modal';

export function taskMessage(input: TaskMessageInput): { text: string; blocks: Blocks } {
  const { request, instructions } = input;
  const value = JSON.stringify(input.handle);
  const steps = instructions.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  const values = instructions.values.map((v) => `*${v.label}:* \`${v.value}\``).join('\n');
  const blocks: Blocks = [
    section(`:hammer_and_wrench: *${escapeText(instructions.summary)}*`),
    context(
      `Request \`${request.requestId}\` by ${mention(request.requester.userId)}: ${request.vendor.displayName} (${request.role}) for ${escapeText(request.purpose)}`,
    ),
  ];
  if (input.error)
    blocks.push(
      section(
        `:warning: *The last result did not check out:* ${escapeText(input.error)}\nPlease fix it and try again.`,
      ),
    );
  blocks.push(section(steps));
  if (values) blocks.push(section(`*Use exactly these values*\n${values}`));
  blocks.push(
    context(
      `Due ${slackDate(input.deadline)}. Keywarden checks the result with ${request.vendor.displayName} before anyone receives it.`,
    ),
  );
  blocks.push({
    type: 'actions',
    block_id: `task:${input.handle.taskId}`,
    elements: [
      input.returnsSecret
        ? {
            type: 'button',
            action_id: TASK_SUBMIT_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Submit key' },
            value,
          }
        : {
            type: 'button',
            action_id: TASK_DONE_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Done' },
            value,
          },
      { type: 'button', action_id: TASK_DECLINE_ACTION, text: { type: 'plain_text', text: 'Cannot complete' }, value },
    ],
  });
  return { text: `Keywarden needs your help: ${instructions.summary}`, blocks };
}

export function closedTaskMessage(note: string): { text: string; blocks: Blocks } {
  return { text: note, blocks: [section(`:white_check_mark: ${note}`)] };
}

export function taskSecretModal(handle: TaskHandle, label: string): View {
  return {
    type: 'modal',
    callback_id: TASK_SECRET_MODAL,
    private_metadata: JSON.stringify(handle),
    title: { type: 'plain_text', text: 'Submit key' },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'secret',
        label: { type: 'plain_text', text: label },
        hint: { type: 'plain_text', text: 'Sealed as soon as Keywarden receives it; it is never posted or logged.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: false },
      },
    ],
  };
}

export function taskDeclineModal(handle: TaskHandle): View {
  return {
    type: 'modal',
    callback_id: TASK_DECLINE_MODAL,
    private_metadata: JSON.stringify(handle),
    title: { type: 'plain_text', text: 'Cannot complete' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Back' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'What stops you?' },
        hint: { type: 'plain_text', text: 'The requester will see this, and the request will end.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ],
  };
}
