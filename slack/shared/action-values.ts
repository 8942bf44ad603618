/**
 * What buttons and modals carry back to the bot (`value`, `private_metadata`), parsed with zod. Slack returns
 * whatever an old message or a tampered payload holds, so nothing is trusted by its type alone: a value that
 * does not parse is answered with "out of date", never a crash.
 */
import { z } from 'zod';
import type { RevealHandle, TaskHandle } from '../../workflows/steps';
import type { DenyModalMetadata } from '../views/deny-modal';
import type { RequestModalMetadata } from '../views/request-modal';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/);
const channelId = z.string().regex(/^[A-Z0-9]{2,30}$/);
/** Opaque to the bot (`<step name>-<n>`); the workflow checks it is the open task. */
const taskId = z.string().regex(/^[\w.:-]{1,120}$/);

/** A credential's id, as its action buttons and the extend form carry it. */
export const credentialIdValue = id;
/** The workflow an Approve or Deny button decides: a request, or a credential whose extension needs approval. */
export const decisionValue = z.string().regex(/^(request|credential)-[a-z0-9][a-z0-9-]{0,80}$/);

/** A JSON string that must hold a value of `schema`. */
function json<T>(schema: z.ZodType<T>) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const taskHandleValue = json(
  z.object({
    workflowId: z.string().min(1),
    taskId,
    requestId: id,
    credentialId: id,
  }) satisfies z.ZodType<TaskHandle>,
);
export const revealHandleValue = json(
  z.object({ credentialId: id, generationId: id }) satisfies z.ZodType<RevealHandle>,
);
export const denyModalValue = json(
  z.object({ workflowId: decisionValue, channelId }) satisfies z.ZodType<DenyModalMetadata>,
);
export const requestModalValue = json(z.object({ requestId: id, channelId }) satisfies z.ZodType<RequestModalMetadata>);

/** The parsed value, or undefined when it is missing or does not fit (the caller answers "out of date"). */
export function readValue<T>(schema: z.ZodType<T, unknown>, raw: string | undefined): T | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
