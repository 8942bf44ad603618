/**
 * The credential workflow (`credential-<credentialId>`), from delivery to final revocation. An event loop over
 * durable timers: the one-time reveal deadline, reminders before expiry, automatic rotation (new key delivered,
 * old key kept through an overlap, then revoked and proved refused), and expiry; owner or admin actions (revoke
 * now, rotate now, extend, let it expire) wake it at any time. It continues as new after each rotation and when
 * its history grows, carrying only the credential, so a credential can live for years.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { slack } from './activities';
import { audit } from './audit';
import { handOverFirst, onEvent, revocationOutcome, rotated, type Desks, type Outcome } from './credential-events';
import { nextEvent, refuseAction, refuseReveal, type EventRules } from './credential-rules';
import {
  ACTION_REFUSED,
  credentialActionUpdate,
  credentialStateQuery,
  REVEAL_REFUSED,
  revealUpdate,
  timelineQuery,
} from './messages';
import { EXPIRES_AT, STATUS } from './search-attributes';
import { offerCurrentKey, revokeEverything, rotate } from './credential-steps';
import { ExtensionDesk } from './extension';
import { TaskDesk, type AuditRecorder } from './tasks';
import type { Credential, CredentialAction, CredentialState, RevealRequest } from './types';

/** Credentials started before visibility and audit existed replay without the search-attribute upserts. */
const VISIBILITY_PATCH = 'credential-visibility-v1';
/** Runs started before a rotated key's reveal deadline waited for the overlap keep the old timing (issue 11). */
const REVEAL_AFTER_OVERLAP_PATCH = 'rotated-reveal-after-overlap-v1';
/** Credentials whose keys go to a destination (none exist in older histories). */
const DESTINATIONS_PATCH = 'destinations-v1';

export async function credentialWorkflow(input: Credential): Promise<CredentialState> {
  // The input is this run's own deserialised copy, so the loop may change it in place and carry it on.
  const credential: Credential = input;
  const { request } = credential;
  const state: CredentialState = {
    credentialId: credential.credentialId,
    status: 'active',
    expiresAt: credential.expiresAt,
    generation: credential.current.generation,
    revealed: credential.current.revealed,
  };
  const closed = () =>
    state.status === 'revoking' || state.status === 'revoked' || state.status === 'revoke_unverified';
  const timeline = (credential.timeline ??= []);
  const record: AuditRecorder = (event, fields, measures) => audit(timeline, request, event, fields, measures);
  const visible = patched(VISIBILITY_PATCH);
  let shown = { status: state.status as string, expiresAt: credential.expiresAt };
  /** Keeps `/keys list` and App Home current: status and expiry as search attributes. */
  const syncVisibility = () => {
    if (!visible || (shown.status === state.status && shown.expiresAt === credential.expiresAt)) return;
    shown = { status: state.status, expiresAt: credential.expiresAt };
    upsertSearchAttributes([
      { key: STATUS, value: state.status },
      { key: EXPIRES_AT, value: new Date(credential.expiresAt) },
    ]);
  };
  const desk = request.policy.humanSteps ? new TaskDesk(request, request.policy.humanSteps, record) : undefined;
  const extensions = new ExtensionDesk(request, visible);
  let pending: CredentialAction | undefined;
  /** Bumped by a reveal, so the loop re-plans its timers (a revealed key has no reveal deadline). */
  let changes = 0;

  setHandler(credentialStateQuery, () => ({
    ...state,
    expiresAt: credential.expiresAt,
    generation: credential.current.generation,
    revealed: credential.current.revealed,
    ...(request.destination ? { destination: request.destination.describe } : {}),
  }));
  setHandler(timelineQuery, () => timeline);
  setHandler(
    revealUpdate,
    (reveal) => {
      credential.current.revealed = true;
      record('credential.revealed', { actor: reveal.userId, detail: `key ${reveal.generationId}` });
      changes++;
      const { secret, generationId } = credential.current;
      return {
        secret,
        generationId,
        requestId: request.requestId,
        vendorName: request.vendor.displayName,
        role: request.role,
        expiresAt: credential.expiresAt,
      };
    },
    { validator: (reveal: RevealRequest) => refuse(REVEAL_REFUSED, refuseReveal(credential, reveal, closed())) },
  );
  setHandler(
    credentialActionUpdate,
    (action) => {
      pending = action;
      return state;
    },
    {
      validator: (action: CredentialAction) =>
        refuse(
          ACTION_REFUSED,
          pending
            ? 'Another action on this key is in progress; try again in a moment.'
            : refuseAction(credential, action, closed()),
        ),
    },
  );

  const rules: EventRules = { revealAfterOverlap: patched(REVEAL_AFTER_OVERLAP_PATCH) };
  if (request.destination && patched(DESTINATIONS_PATCH)) {
    if (!(await handOverFirst(credential, state, desk, record))) return { ...state, expiresAt: credential.expiresAt };
  } else await offerCurrentKey(credential, rules);
  for (;;) {
    const event = nextEvent(credential, rules);
    const seen = changes;
    await condition(() => pending !== undefined || changes !== seen, Math.max(event.at - Date.now(), 0));
    const action = pending;
    pending = undefined;
    if (!action && (changes !== seen || event.at > Date.now())) continue;
    const outcome = action
      ? await onAction(credential, state, action, { desk, extensions, record, rules })
      : await onEvent(credential, state, event, { desk, record, rules });
    syncVisibility();
    if (outcome === 'finished') return { ...state, expiresAt: credential.expiresAt };
    if (
      outcome === 'rotated' ||
      workflowInfo().historyLength > request.policy.lifecycle.historyEventLimit ||
      workflowInfo().continueAsNewSuggested
    ) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof credentialWorkflow>(credential);
    }
  }
}

function refuse(type: string, reason: string | undefined): void {
  if (reason) throw ApplicationFailure.create({ type, message: reason, nonRetryable: true });
}

async function onAction(
  credential: Credential,
  state: CredentialState,
  action: CredentialAction,
  { desk, extensions, record, rules }: Desks & { extensions: ExtensionDesk },
): Promise<Outcome> {
  const { request } = credential;
  switch (action.kind) {
    case 'revoke': {
      const verified = await revokeEverything(credential, state, desk);
      record('credential.revoked', { actor: action.userId, detail: revocationOutcome(verified) }, { verified });
      await slack.notify(request.requester.userId, { kind: 'revoked_now', request, userId: action.userId, verified });
      return 'finished';
    }
    case 'rotate':
      return rotated(await rotate(credential, state, desk, { rules, record }), credential, record, action.userId);
    case 'extend': {
      const { extendRequiresApproval } = request.policy.lifecycle;
      if (extendRequiresApproval && !request.policy.admins.includes(action.userId) && !request.autoApproval) {
        const proposed = new Date(Date.parse(credential.expiresAt) + (action.extendByMs ?? 0)).toISOString();
        record('credential.extension_requested', { actor: action.userId, detail: `to ${proposed}` });
        const decided = await extensions.ask(credential.credentialId, action.userId, action.extendByMs ?? 0, proposed);
        if (decided.status !== 'approved') {
          const outcome = decided.status === 'denied' ? 'denied' : 'expired';
          const reason = decided.denial?.reason;
          record(`credential.extension_${outcome}`, {
            ...(decided.denial ? { actor: decided.denial.userId } : {}),
            detail: reason ?? 'no decision in time',
          });
          await slack.notify(request.requester.userId, {
            kind: 'extension_refused',
            request,
            outcome,
            ...(reason ? { reason } : {}),
          });
          return 'continue';
        }
      }
      credential.expiresAt = new Date(Date.parse(credential.expiresAt) + (action.extendByMs ?? 0)).toISOString();
      // Reminders already due before the extension are not sent late.
      const now = Date.now();
      credential.remindedAt = request.policy.lifecycle.reminderOffsetsMs
        .map((offset) => Date.parse(credential.expiresAt) - offset)
        .filter((at) => at <= now)
        .map((at) => new Date(at).toISOString());
      credential.remindersOff = false;
      record('credential.extended', { actor: action.userId, detail: `now expires ${credential.expiresAt}` });
      await slack.notify(request.requester.userId, {
        kind: 'extended',
        request,
        expiresAt: credential.expiresAt,
        userId: action.userId,
      });
      return 'continue';
    }
    case 'let_expire':
      credential.remindersOff = true;
      record('credential.reminders_off', { actor: action.userId, detail: 'the owner lets it expire' });
      return 'continue';
  }
}
