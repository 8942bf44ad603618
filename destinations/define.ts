/**
 * One typed definition per destination, as `vendors/define.ts` is for vendors. A destination folder exports
 * `defineDestination({...})` from its `destination.ts`: the `keywarden.yaml` entry schema, how it resolves (its
 * secrets read by name), how it is described to people, and its adapter. `destinations/all.ts` lists them.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { DestinationAdapter } from './types';

/** Looks up a secret by environment-variable name; supplied by the config module, the only reader of the env. */
export type ReadSecret = (name: string) => string | undefined;

/** What every resolved destination carries. */
export interface DestinationBase {
  type: string;
  /** Where the key goes, for approval messages and notices; never a secret. */
  describe: string;
}

/** One line of `npm run doctor` (the shape of the vendors' `DoctorCheck`): read-only, never a secret. */
export interface DestinationCheck {
  what: string;
  ok: boolean;
  detail?: string;
  fix?: string;
  /** The destination is unreachable or throttling: start-up warns and goes on; `npm run doctor` still fails. */
  transient?: boolean;
}

export interface DestinationModule<C extends DestinationBase, S extends z.ZodType = z.ZodType> {
  readonly type: C['type'];
  /** The `destinations.<name>` entry in `keywarden.yaml`, with `type` as its literal discriminator. */
  readonly fileSchema: S;
  /** Reads the secrets the entry names; the problems instead when one is missing. */
  resolve(entry: z.output<S>, readSecret: ReadSecret): C | string[];
  /** The destination bound to one resolved entry. */
  adapter(key: string, connection: C, dispatcher?: Dispatcher): DestinationAdapter;
  /** Read-only checks for `npm run doctor` and start-up; none when the destination has nothing to read. */
  diagnose?(key: string, connection: C): Promise<DestinationCheck[]>;
}

/** Declares a destination; the identity function that checks the pieces fit together. */
export function defineDestination<C extends DestinationBase, S extends z.ZodType>(
  module: DestinationModule<C, S>,
): DestinationModule<C, S> {
  return module;
}
