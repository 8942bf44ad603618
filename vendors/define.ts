/**
 * One typed definition per vendor. A vendor folder exports `defineVendor({...})` from its `vendor.ts`: the
 * `keywarden.yaml` entry schema and how it resolves, the pure request definition (fields, playbooks), the adapter
 * (its steps as functions), the doctor's checks, a default rate limit and its fake for tests. `vendors/all.ts`
 * lists them; the config schema, registry, catalog, doctor, rate limits and test stack all come from that list.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { PlaybookStep } from '../workflows/types';
import type { ReadSecret } from './config-kit';
import type { DoctorCheck } from './doctor-kit';
import type { FakeKit } from './fake-kit/kit';
import type { VendorAdapter, VendorDefinition } from './types';

/** What every resolved connection carries. */
export interface ConnectionBase {
  type: string;
  displayName: string;
  roles: readonly string[];
  /** Steps per second across all workers; undefined = the vendor's default. */
  rateLimitPerSecond?: number;
}

export interface VendorModule<C extends ConnectionBase, S extends z.ZodType = z.ZodType, F = unknown, D = unknown> {
  readonly type: C['type'];
  /** The `vendors.<key>` entry in `keywarden.yaml`, with `type` as its literal discriminator. */
  readonly fileSchema: S;
  /** Reads the secrets the entry names; the problems instead when one is missing or malformed. */
  resolve(entry: z.output<S>, readSecret: ReadSecret): C | string[];
  /** The pure side: request fields, their validation, the playbooks (a connection may shape them). */
  definition(connection?: C): VendorDefinition;
  /** The steps its playbooks name, as functions bound to one connection. */
  adapter(key: string, connection: C, dispatcher?: Dispatcher): VendorAdapter;
  /** Read-only checks for `npm run doctor` and start-up. */
  diagnose(connection: C, dispatcher?: Dispatcher): Promise<DoctorCheck[]>;
  /** Steps per second when the entry sets no `rate_limit_per_second`, from the vendor's documented limits. */
  readonly defaultRatePerSecond: number;
  /** Its fake for tests and sandboxes, loaded only when asked for (production never loads fake code). */
  fake(): Promise<FakeKit<F, D>>;
}

/** Declares a vendor; the identity function that checks the pieces fit together. */
export function defineVendor<C extends ConnectionBase, S extends z.ZodType, F, D>(
  module: VendorModule<C, S, F, D>,
): VendorModule<C, S, F, D> {
  return module;
}

type StepName<T> = keyof T & string;

/**
 * A playbook step that can only name a step the adapter `A` has: a misspelt or missing step does not compile.
 * Annotate a vendor's playbooks with `PlaybooksFor<ReturnType<typeof createXAdapter>>`.
 */
export type PlaybookStepOf<A extends VendorAdapter> =
  | (Omit<Extract<PlaybookStep, { kind: 'call' }>, 'action'> & { action: StepName<A['actions']> })
  | (Omit<Extract<PlaybookStep, { kind: 'verify' }>, 'check'> & { check: StepName<A['checks']> })
  | (Omit<Extract<PlaybookStep, { kind: 'await' }>, 'condition'> & { condition: StepName<A['conditions']> })
  | (Omit<Extract<PlaybookStep, { kind: 'task' }>, 'task'> & { task: StepName<A['tasks']> });

export interface PlaybooksFor<A extends VendorAdapter> {
  provision: PlaybookStepOf<A>[];
  revoke: PlaybookStepOf<A>[];
}
