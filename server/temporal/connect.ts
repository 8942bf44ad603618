/**
 * Reaching Temporal: the embedded dev server (started, found or built here) when `TEMPORAL_ADDRESS` is unset,
 * otherwise the given frontend with mTLS and/or an API key. Returns both connection kinds the process needs.
 */
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { KeywardenConfig } from '../../config/load';
import { startEmbeddedTemporal, type TemporalServer } from './dev-server';
import { superviseEmbedded } from './embedded-supervisor';

export interface TemporalLink {
  address: string;
  /** The embedded server, when this process runs it: restarted when it dies, `exited` once given up on. */
  server?: TemporalServer;
  connection: Connection;
  /** For workers; created only when the process runs one. */
  nativeConnection?: NativeConnection;
  close(): Promise<void>;
}

export async function connectTemporal(
  config: KeywardenConfig,
  logger: Logger,
  options: { codecEndpoint?: string; worker: boolean },
): Promise<TemporalLink> {
  const server = config.temporal.address ? undefined : await startEmbedded(config, logger, options.codecEndpoint);
  const address = server?.address ?? config.temporal.address ?? '';
  const { tls, apiKey } = config.temporal.auth;
  const auth = { ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
  const connection = await Connection.connect({ address, ...auth });
  const nativeConnection = options.worker ? await NativeConnection.connect({ address, ...auth }) : undefined;
  return {
    address,
    ...(server ? { server } : {}),
    connection,
    ...(nativeConnection ? { nativeConnection } : {}),
    async close() {
      await Promise.all([connection.close(), nativeConnection?.close()]);
      await server?.stop();
    },
  };
}

async function startEmbedded(
  config: KeywardenConfig,
  logger: Logger,
  codecEndpoint: string | undefined,
): Promise<TemporalServer> {
  const start = () => startEmbeddedOnce(config, logger, codecEndpoint);
  return superviseEmbedded(start, logger);
}

async function startEmbeddedOnce(
  config: KeywardenConfig,
  logger: Logger,
  codecEndpoint: string | undefined,
): Promise<TemporalServer> {
  const server = await startEmbeddedTemporal(
    {
      explicitPath: config.temporal.cliPath,
      searchPath: config.temporal.searchPath,
      cacheDir: config.cacheDir,
      toolEnv: config.toolEnv,
    },
    {
      port: config.temporal.devServerPort,
      uiPort: config.temporal.devServerUiPort,
      codecEndpoint,
      namespace: config.temporal.namespace,
      dbFile: join(config.dataDir, 'temporal.sqlite'),
      logger,
    },
  );
  logger.info(
    { address: server.address, source: server.source, ui: `http://127.0.0.1:${config.temporal.devServerUiPort}` },
    'embedded Temporal server started',
  );
  return server;
}
