/**
 * How Keywarden's Slack messages look, as the activities need them. The Slack surface supplies the implementation
 * (`slack/views/messages.ts`) and the process root hands it in, so activities never import Slack views.
 */
import type { KnownBlock } from '@slack/types';
import type { RevealHandle, TaskMessageInput } from '../workflows/steps';
import type { CredentialRequest, ExtensionRequest, RequestState } from '../workflows/types';
import type { Notice, ProgressNote } from '../workflows/notices';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface MessageViews {
  approvalMessage: (request: CredentialRequest, state: RequestState) => SlackMessage;
  deliveryOffer: (
    request: CredentialRequest,
    handle: RevealHandle,
    expiresAt: string,
    revealBy: string,
  ) => SlackMessage;
  noticeText: (notice: Notice) => string;
  extensionMessage: (request: CredentialRequest, extension: ExtensionRequest) => SlackMessage;
  reminderMessage: (request: CredentialRequest, credentialId: string, expiresAt: string) => SlackMessage;
  progressText: (note: ProgressNote) => string;
  taskMessage: (input: TaskMessageInput) => SlackMessage;
  closedTaskMessage: (note: string) => SlackMessage;
}
