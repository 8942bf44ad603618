/**
 * Failure messages and stack traces are moved into an (encrypted) payload, so history shows "Encoded failure"
 * instead of text that might name a user, a key or a vendor's answer. Loaded by path by the client and worker.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
