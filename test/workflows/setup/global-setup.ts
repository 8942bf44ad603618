/**
 * Once per run of the workflow tests: the time-skipping test server's classpath (Maven, cached) and one workflow
 * bundle. Each test file starts its own test server, since skipped time is global to a server.
 */
import { createLogger } from '../../../server/logger';
import { bundleWorkflowsToFile } from '../../support/workflow-bundle';
import { CLASSPATH_ENV, testServerClasspath } from './test-server';

/** Where the bundle is, for the test workers. */
export const BUNDLE_ENV = 'KW_WORKFLOW_TEST_BUNDLE';

export default async function globalSetup(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
  const started = Date.now();
  process.env[CLASSPATH_ENV] = testServerClasspath();
  process.env[BUNDLE_ENV] = await bundleWorkflowsToFile(logger);
  logger.info({ ms: Date.now() - started }, 'workflow tests: test server classpath and bundle ready');
}
