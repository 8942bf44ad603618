/**
 * The last step of `npm run build`: bundles the workflow code once, into `dist/workflow-bundle.js`. A worker given
 * it (`KEYWARDEN_WORKFLOW_BUNDLE`) starts without running webpack, which is most of a worker's cold start; the
 * production image ships it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { FAILURE_CONVERTER_PATH } from './data-converter';
import { sdkLogger } from './runtime';

/** Bundles the workflows into `outFile`; returns its size. Webpack's own report goes to `logger` (warnings only). */
export async function bundleWorkflows(outFile: string, logger: Logger): Promise<number> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/index'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: sdkLogger(logger.child({ component: 'workflow-bundler' }), 'WARN'),
  });
  await writeFile(outFile, code);
  return code.length;
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, '../../workflow-bundle.js');
  // Every line JSON, like Keywarden's own log, so a build log can be read by the same tools.
  const logger = createLogger('info', process.stderr).child({ component: 'build' });
  bundleWorkflows(out, logger).then(
    (bytes) => logger.info({ file: out, bytes }, 'workflow bundle written'),
    (error: unknown) => {
      logger.error({ err: error }, 'could not bundle the workflows');
      process.exit(1);
    },
  );
}
