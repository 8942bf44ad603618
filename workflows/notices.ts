/** What people are told in Slack and what a human step hands back: never a secret in plain text. */
import type { CredentialRequest, Decision, MessageRef, SealedSecret } from './types';

/** Something the requester or owner is told by DM (never a secret); rendered by `slack/views/notices.ts`. */
export type Notice =
  | { kind: 'approved'; request: CredentialRequest }
  | { kind: 'denied'; request: CredentialRequest; decision: Decision }
  | { kind: 'expired'; request: CredentialRequest }
  | { kind: 'failed'; request: CredentialRequest; reason: string }
  | { kind: 'revoked'; request: CredentialRequest; verified: boolean }
  | { kind: 'unrevealed'; request: CredentialRequest; verified: boolean }
  | { kind: 'extended'; request: CredentialRequest; expiresAt: string; userId: string }
  | { kind: 'rotated'; request: CredentialRequest; overlapEndsAt: string }
  | { kind: 'rotation_failed'; request: CredentialRequest; reason: string }
  | { kind: 'revoked_now'; request: CredentialRequest; userId: string; verified: boolean }
  | { kind: 'removed_at_vendor'; request: CredentialRequest }
  | { kind: 'extension_refused'; request: CredentialRequest; outcome: 'denied' | 'expired'; reason?: string }
  | { kind: 'escalated'; request: CredentialRequest; waitedMs: number; approvalMessage?: MessageRef }
  | { kind: 'delivered'; request: CredentialRequest; channelId: string; revealBy: string; rotated: boolean }
  | { kind: 'handed_over'; request: CredentialRequest; generationId: string; detail: string; expiresAt: string }
  | { kind: 'handover_failed'; request: CredentialRequest; reason: string; rotated: boolean }
  | { kind: 'consumer_not_switched'; request: CredentialRequest; oldGenerationId: string; newGenerationId: string };

/** A line in the approval message's thread: how the request is getting on. Never holds a secret. */
export type ProgressNote =
  | { kind: 'decision'; decision: Decision; have: number; need: number }
  | { kind: 'auto_approved'; via: string; destination?: string }
  | { kind: 'reminder'; have: number; need: number; pendingExpiresAt: string }
  | { kind: 'escalated'; users: string[]; groups: string[]; waitedMs: number }
  | { kind: 'provisioning' }
  | { kind: 'task_opened'; title: string; assignees: string[]; handedBack: boolean }
  | { kind: 'task_done'; title: string; userId: string }
  | { kind: 'delivered'; expiresAt: string; destination?: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'expired' };

/** A human step waiting in Slack, as the bot and `/keys pending` see it. Never holds a secret. */
export interface OpenTask {
  taskId: string;
  /** The workflow that owns the task (`request-…` while provisioning, `credential-…` while revoking). */
  workflowId: string;
  title: string;
  assignees: string[];
  returnsSecret: boolean;
  /** What the modal's secret input is called, e.g. "JSON web token". */
  secretLabel?: string;
  deadline: string;
  messages: MessageRef[];
}

export interface TaskSubmission {
  taskId: string;
  userId: string;
  /** Sealed by the bot before it left its process; required when the task returns a secret. */
  secret?: SealedSecret;
}

export interface TaskDecline {
  taskId: string;
  userId: string;
  reason: string;
}
