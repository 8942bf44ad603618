import { VendorError } from '../../vendors/errors';

/** Awaits a promise that must fail with a `VendorError` (tests assert on its `code`, never `instanceof`). */
export async function vendorFailure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}
