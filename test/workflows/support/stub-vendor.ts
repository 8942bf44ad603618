/**
 * An in-memory vendor for the workflow tests: keys named after their generation, live until deleted, and the
 * checks a real vendor edge answers (does the key sign in, is it refused). It can be told to acknowledge deletions
 * without doing them (so a revocation cannot be proved) and when an invitation is accepted.
 */
import type { ConditionOutcome, StepResult, StepSubject, VerifyOutcome } from '../../../workflows/steps';

/** The step names the test playbooks use (see `requests.ts`). */
export type StubAction = 'createKey' | 'deleteKey' | 'invite';
export type StubCheck = 'keyWorks' | 'keyRefused';
export type StubCondition = 'invitationAccepted';

interface StubKey {
  name: string;
  live: boolean;
}

export class StubVendor {
  private readonly keys = new Map<string, StubKey>();
  /** When set, deletions are acknowledged but the key keeps working (a vendor that lies or lags forever). */
  ignoreDeletes = false;
  /** Simulated time (ms) from which the invitation counts as accepted; never when undefined. */
  invitationAcceptedAt: number | undefined;

  /** A key made by a person outside Keywarden (a human step), as the sealed text they would paste. */
  createByHand(name: string): string {
    this.keys.set(name, { name, live: true });
    return sealedFor(name);
  }

  isLive(name: string): boolean {
    return this.keys.get(name)?.live ?? false;
  }

  /** Names of the keys that still work. */
  liveKeys(): string[] {
    return [...this.keys.values()].filter((k) => k.live).map((k) => k.name);
  }

  call(action: string, subject: StepSubject): StepResult {
    switch (action as StubAction) {
      case 'createKey': {
        // Named after the generation and looked up first, as the real vendors do: a retry makes no second key.
        const name = subject.credentialId;
        if (!this.keys.has(name)) this.keys.set(name, { name, live: true });
        return { ref: { keyName: name }, secret: { sealed: sealedFor(name) } };
      }
      case 'deleteKey': {
        const key = this.keys.get(keyNameOf(subject));
        if (key && !this.ignoreDeletes) key.live = false;
        return {};
      }
      case 'invite':
        return { ref: { invitation: `inv-${subject.credentialId}` } };
    }
    throw new Error(`stub vendor has no action ${action}`);
  }

  verify(check: string, subject: StepSubject): VerifyOutcome {
    const name = keyNameOf(subject);
    const live = this.isLive(name);
    switch (check as StubCheck) {
      case 'keyWorks':
        return live ? { ok: true, detail: 'signs in', ref: { keyName: name } } : { ok: false, detail: 'key refused' };
      case 'keyRefused':
        return live ? { ok: false, detail: 'the key still signs in' } : { ok: true, detail: 'key refused' };
    }
    throw new Error(`stub vendor has no check ${check}`);
  }

  condition(condition: string, now: number): ConditionOutcome {
    if ((condition as StubCondition) !== 'invitationAccepted') throw new Error(`no condition ${condition}`);
    const met = this.invitationAcceptedAt !== undefined && now >= this.invitationAcceptedAt;
    return { met, detail: met ? 'invitation accepted' : 'invitation still pending' };
  }
}

/** The stand-in for a sealed secret: names its key, so a pasted secret can be traced back to it. */
function sealedFor(name: string): string {
  return `sealed:${name}`;
}

/** The key a step is about: the one its secret opens, else the one named after its generation. */
function keyNameOf(subject: StepSubject): string {
  const sealed = subject.secret?.sealed;
  return sealed?.startsWith('sealed:') ? sealed.slice('sealed:'.length) : subject.credentialId;
}
