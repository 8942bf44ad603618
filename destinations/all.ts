/**
 * Every destination Keywarden knows, one line each. The `keywarden.yaml` schema of `destinations:` and the
 * registry of adapters are derived from this list: adding a destination is adding its folder and a line here.
 */
import type { DestinationBase, DestinationModule } from './define';
import { awsSecretsManager } from './aws-secrets-manager/destination';
import { webhook } from './webhook/destination';

export const DESTINATIONS = [webhook, awsSecretsManager] as const;

type AnyDestination = (typeof DESTINATIONS)[number];

/** A resolved destination of any type. */
export type DestinationConnection = Parameters<AnyDestination['adapter']>[1];

/** The `keywarden.yaml` entry schema of any destination type. */
export type DestinationFileSchema = AnyDestination['fileSchema'];

/** The module of a connection's type; the one place that says a connection and its module belong together. */
export function destinationOf<C extends DestinationBase>(connection: C): DestinationModule<C> {
  const found = DESTINATIONS.find((destination) => destination.type === connection.type);
  if (!found) throw new Error(`no destination module for type "${connection.type}"`);
  return found as unknown as DestinationModule<C>;
}
