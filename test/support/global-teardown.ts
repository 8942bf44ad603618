import type {} from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await globalThis.keywardenTestServer?.stop();
}
