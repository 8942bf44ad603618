/**
 * The last step of `npm run build`: bundles the workflow code once, into `dist/workflow-bundle.js`. A worker given
 * it (`KEYWARDEN_WORKFLOW_BUNDLE`) starts without running webpack, which is most of a worker's cold start; the
 * production image ships it.
 */
import { existsSync } from 'node:fs';
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

/** Where `npm run build` writes the bundle: beside the compiled code, so the two always come from one build. */
const BUILT_BUNDLE = join(__dirname, '../../workflow-bundle.js');

/**
 * The bundle a compiled Keywarden (`npm start`, the image) should run: an explicit one, else the one its own build
 * wrote beside it; undefined when running from TypeScript sources, which bundle at start as they always did.
 */
export function workflowBundleToRun(explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  return __filename.endsWith('.js') && existsSync(BUILT_BUNDLE) ? BUILT_BUNDLE : undefined;
}

if (require.main === module) {
  const out = process.argv[2] ?? BUILT_BUNDLE;
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
