/**
 * The workflow bundle every test worker runs: built once per jest run (workers reuse the file), with the same
 * failure converter as production, so failures reach the tests the way they reach Keywarden.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Logger } from 'pino';
import { FAILURE_CONVERTER_PATH } from '../../server/temporal/data-converter';

/** Bundles `workflows/index.ts` into a temporary file and returns its path. */
export async function bundleWorkflowsToFile(logger: Logger): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/index'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn: (m) => logger.warn(m), error: (m) => logger.error(m), log() {} },
  });
  const bundlePath = join(await mkdtemp(join(tmpdir(), 'keywarden-bundle-')), 'workflows.js');
  await writeFile(bundlePath, code);
  return bundlePath;
}
