/**
 * Observability for one process: the Temporal SDK runtime (logs into pino, metrics on a loopback port), Keywarden's
 * metrics fed by workflow audit lines, and the ops server (`/metrics`, `/healthz`, `/readyz`).
 */
import type { Logger } from 'pino';
import { freeLoopbackPort } from '../free-port';
import { installTemporalRuntime, onAuditLine } from '../temporal/runtime';
import { KeywardenMetrics } from './metrics';

export interface Observability {
  metrics: KeywardenMetrics;
  /** Where the SDK serves its own metrics, when this process installed the runtime with them. */
  sdkMetricsUrl?: string;
}

/** Installs the runtime with SDK metrics on a free loopback port and counts audit lines into `metrics`. */
export async function startObservability(logger: Logger): Promise<Observability> {
  const metrics = new KeywardenMetrics();
  const port = await freeLoopbackPort();
  const installed = installTemporalRuntime(logger, { metricsAddress: `127.0.0.1:${port}` });
  onAuditLine(metrics.observeAudit);
  return { metrics, ...(installed ? { sdkMetricsUrl: `http://127.0.0.1:${port}/metrics` } : {}) };
}
