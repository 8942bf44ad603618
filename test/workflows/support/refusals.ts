import { WorkflowUpdateFailedError } from '@temporalio/client';

/**
 * The message a refused update carries (the bot shows it to the clicker), checked to be of `type`. Fails the test
 * when the update was accepted instead.
 */
export async function refusalOf(update: Promise<unknown>, type: string): Promise<string> {
  const error = await update.then(
    () => new Error('the update was accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError)) throw error;
  const cause = error.cause as { type?: string; message: string } | undefined;
  expect(cause?.type).toBe(type);
  return cause?.message ?? '';
}
