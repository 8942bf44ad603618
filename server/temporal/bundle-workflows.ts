/**
 * `npm run bundle`: bundles the workflow code once, at build time, into `dist/workflow-bundle.js`. A worker given
 * it (`KEYWARDEN_WORKFLOW_BUNDLE`) starts without running webpack, which is most of a worker's cold start; the
 * production image ships it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from './data-converter';

export async function bundleWorkflows(outFile: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/index'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  await writeFile(outFile, code);
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, '../../workflow-bundle.js');
  bundleWorkflows(out).then(
    () => process.stdout.write(`workflow bundle written to ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`could not bundle the workflows: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
