/**
 * Playbook steps that talk to a vendor. Secrets are opened just for the step and sealed again before the
 * result leaves the activity, so workflow history only ever holds envelopes.
 */
import { ApplicationFailure } from '@temporalio/common';
import { SecretText } from '../secrets/secret-text';
import type { VendorRegistry } from '../vendors/registry';
import type { StepInput, VendorAdapter } from '../vendors/types';
import type { KeyUsage } from '../workflows/activity-contract';
import type { StepResult, StepSubject } from '../workflows/steps';
import { credentialSealingContext, type Sealer } from '../secrets/sealing';
import { mapFailures } from './failures';

export interface VendorActivityDeps {
  vendors: VendorRegistry;
  sealer: Sealer;
}

export function createVendorActivities({ vendors, sealer }: VendorActivityDeps) {
  function adapterFor(vendorKey: string): VendorAdapter {
    const adapter = vendors.get(vendorKey);
    if (!adapter) {
      throw ApplicationFailure.create({
        type: 'VendorNotConfigured',
        message: `vendor "${vendorKey}" is no longer configured on this worker`,
        nonRetryable: true,
      });
    }
    return adapter;
  }

  function open(subject: StepSubject): StepInput {
    const { vendorKey: _vendor, secret, ...rest } = subject;
    return secret
      ? { ...rest, secret: new SecretText(sealer.open(secret, credentialSealingContext(subject.credentialId))) }
      : rest;
  }

  return {
    /** Runs a playbook `call` step. */
    vendorCall: mapFailures(async (action: string, subject: StepSubject): Promise<StepResult> => {
      const run = adapterFor(subject.vendorKey).actions[action];
      if (!run)
        throw ApplicationFailure.create({ type: 'UnknownStep', message: `no action "${action}"`, nonRetryable: true });
      const output = await run(open(subject));
      return {
        ...(output.ref ? { ref: output.ref } : {}),
        ...(output.secret
          ? { secret: sealer.seal(output.secret.reveal(), credentialSealingContext(subject.credentialId)) }
          : {}),
      };
    }),

    /** Checks a playbook `await` condition once; the workflow polls on durable timers. */
    vendorCondition: mapFailures(async (condition: string, subject: StepSubject) => {
      const run = adapterFor(subject.vendorKey).conditions[condition];
      if (!run)
        throw ApplicationFailure.create({
          type: 'UnknownStep',
          message: `no condition "${condition}"`,
          nonRetryable: true,
        });
      return run(open(subject));
    }),

    /** When the vendor last saw the key used; `supported: false` for vendors that do not say. */
    vendorLastUsed: mapFailures(async (subject: StepSubject): Promise<KeyUsage> => {
      const lastUsed = adapterFor(subject.vendorKey).lastUsed;
      if (!lastUsed) return { supported: false };
      const at = await lastUsed(open(subject));
      return { supported: true, ...(at ? { lastUsedAt: at } : {}) };
    }),

    /** Runs a playbook `verify` step; a failed check is a result, not an error, so the workflow decides what next. */
    vendorVerify: mapFailures(async (check: string, subject: StepSubject) => {
      const run = adapterFor(subject.vendorKey).checks[check];
      if (!run)
        throw ApplicationFailure.create({ type: 'UnknownStep', message: `no check "${check}"`, nonRetryable: true });
      return run(open(subject));
    }),
  };
}
