/**
 * A feature of the Slack surface (request, approval, human step, credential actions, listing, home): the
 * listeners it registers and the `/keys` subcommands it answers. Features never import one another; what two
 * of them share lives in `slack/shared/`.
 */
import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import type { Subcommand } from './replies';

export interface Feature {
  /** Registers the feature's actions, views and events on the app. */
  register(app: App, ctx: BotContext): void;
  /** The `/keys` subcommands it answers, by name. */
  subcommands?: Readonly<Record<string, Subcommand>>;
}
