/**
 * Slack side of human steps: who a task goes to (the requester, or the vendor's operators with user groups
 * resolved now), the task message in each assignee's DM, reminders, and closing the messages when it ends.
 */
import type { WebClient } from '@slack/web-api';
import type { VendorRegistry } from '../vendors/registry';
import type { StepInput } from '../vendors/types';
import type { OpenedTask, OpenTaskInput } from '../workflows/activity-contract';
import type { Assignee, CredentialRequest, MessageRef } from '../workflows/types';
import type { OpenTask } from '../workflows/notices';
import { directMessageChannel } from './direct-message';
import { mapFailures } from './failures';
import type { MessageViews } from './views';

export interface TaskActivityDeps {
  slack: WebClient;
  vendors: VendorRegistry;
  views: MessageViews;
}

export function createTaskActivities({ slack, vendors, views }: TaskActivityDeps) {
  async function assigneesOf(request: CredentialRequest, assignee: Assignee): Promise<string[]> {
    if (assignee === 'requester') return [request.requester.userId];
    const operators = request.policy.humanSteps?.operators ?? { users: [], groups: [] };
    const members = await Promise.all(
      operators.groups.map(async (usergroup) => (await slack.usergroups.users.list({ usergroup })).users ?? []),
    );
    const everyone = [...new Set([...operators.users, ...members.flat()])];
    if (everyone.length === 0) throw new Error(`no operator is configured for ${request.vendor.displayName}`);
    return everyone;
  }

  async function dm(userId: string, message: { text: string; blocks?: unknown[] }): Promise<MessageRef> {
    const channel = await directMessageChannel(slack, userId);
    const posted = await slack.chat.postMessage({ channel, ...message });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    return { channel, ts: posted.ts };
  }

  return {
    /** Posts the task to each assignee; returns who they are and where the messages are. */
    openTask: mapFailures(async (input: OpenTaskInput): Promise<OpenedTask> => {
      const adapter = vendors.get(input.request.vendor.key);
      const instructionsFor = adapter?.tasks[input.step.task];
      if (!instructionsFor) throw new Error(`vendor ${input.request.vendor.key} has no task "${input.step.task}"`);
      const { vendorKey: _vendor, secret: _sealed, ...stepInput } = input.subject;
      const instructions = instructionsFor(stepInput satisfies StepInput);
      const assignees = await assigneesOf(input.request, input.step.assignee);
      const message = views.taskMessage({
        request: input.request,
        handle: {
          workflowId: input.workflowId,
          taskId: input.taskId,
          requestId: input.request.requestId,
          credentialId: input.subject.credentialId,
        },
        title: input.step.title,
        returnsSecret: input.step.returnsSecret,
        instructions,
        deadline: input.deadline,
        error: input.error,
      });
      const messages = await Promise.all(assignees.map((userId) => dm(userId, message)));
      return { assignees, messages, ...(instructions.secretLabel ? { secretLabel: instructions.secretLabel } : {}) };
    }),

    remindTask: mapFailures(async (task: OpenTask): Promise<void> => {
      await Promise.all(
        task.messages.map((ref) =>
          slack.chat.postMessage({
            channel: ref.channel,
            thread_ts: ref.ts,
            reply_broadcast: true,
            text: `:bell: Reminder: "${task.title}" is still waiting for you.`,
          }),
        ),
      );
    }),

    /** Reminds whoever an `await` step waits on (e.g. to accept an invitation). */
    remindAwait: mapFailures(async (request: CredentialRequest, assignee: Assignee, text: string): Promise<void> => {
      const users = await assigneesOf(request, assignee);
      await Promise.all(
        users.map((userId) => dm(userId, { text: `:bell: Request \`${request.requestId}\` is waiting: ${text}` })),
      );
    }),

    closeTask: mapFailures(async (messages: MessageRef[], note: string): Promise<void> => {
      await Promise.all(messages.map((ref) => slack.chat.update({ ...ref, ...views.closedTaskMessage(note) })));
    }),
  };
}
