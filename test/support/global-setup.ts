/**
 * Once per e2e run: a real Temporal dev server (found, downloaded or built by the same module `npm start` uses)
 * and one workflow bundle that every test worker reuses.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureRetention } from '../../server/temporal/retention';
import { ensureSearchAttributes } from '../../server/temporal/search-attributes';
import { freeLoopbackPort } from '../../server/free-port';
import { buildDist } from './processes';
import { bundleWorkflowsToFile } from './workflow-bundle';
import { ensureMoto } from './moto';
import { createLogger } from '../../server/logger';
import { startEmbeddedTemporal, type TemporalServer } from '../../server/temporal/dev-server';

declare global {
  var keywardenTestServer: TemporalServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
  const started = Date.now();
  const server = await startEmbeddedTemporal(
    {
      explicitPath: process.env.KEYWARDEN_TEMPORAL_CLI,
      searchPath: process.env.PATH,
      cacheDir: join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keywarden'),
      toolEnv: process.env,
    },
    { port: await freeLoopbackPort(), namespace: 'default', logger },
  );
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default', logger);
  await ensureRetention(connection, 'default', logger);
  await connection.close();
  // The Secrets Manager destination's tests need moto; a first install must not count against a test's timeout.
  await ensureMoto();
  const bundlePath = await bundleWorkflowsToFile(logger);
  // Tests that start Keywarden as processes run the compiled entry, as production does.
  buildDist();
  globalThis.keywardenTestServer = server;
  process.env.KW_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.KW_TEST_WORKFLOW_BUNDLE = bundlePath;
  logger.info(
    { address: server.address, source: server.source, ms: Date.now() - started },
    'test Temporal server ready',
  );
}
