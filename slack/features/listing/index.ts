/**
 * `/keys list`, `/keys pending`, `/keys vendors` and `/keys status`: read-only answers from Temporal visibility
 * and the catalog. Each acknowledges at once and answers through `response_url`.
 */
import { accessFor } from '../../requests/access';
import type { Feature } from '../../shared/feature';
import { answerLater, type Subcommand } from '../../shared/replies';
import { credentialsText, waitingText } from '../../views/listing';
import { vendorsText } from '../../views/vendors';
import { listCredentials } from '../../visibility/credentials';
import { waitingOn } from '../../visibility/waiting';
import { statusCommand } from './status';

const list: Subcommand = ({ command, replies, ctx }) =>
  answerLater(replies, ctx, async () => credentialsText(ctx.catalog, await listCredentials(ctx, command.user_id)));

const pending: Subcommand = ({ command, replies, ctx }) =>
  answerLater(replies, ctx, async () => waitingText(ctx.catalog, await waitingOn(ctx, command.user_id)));

const vendors: Subcommand = ({ command, replies, ctx }) =>
  answerLater(replies, ctx, async () =>
    vendorsText(ctx.catalog, await accessFor(ctx.catalog, ctx.groups, command.user_id)),
  );

export const listingFeature: Feature = {
  register: () => undefined,
  subcommands: { list, pending, vendors, status: statusCommand },
};
