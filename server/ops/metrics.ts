/**
 * Keywarden's own Prometheus metrics, one registry per process (bot, worker or both). Workflow outcomes are
 * counted from the audit lines workflows log (once each, never during replay); vendor calls from the metered
 * dispatcher; Slack API errors from the Web API client. The Temporal SDK's own metrics are appended by the ops
 * server (see `ops/server.ts`).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { VendorCall } from '../../vendors/http-metrics';

/** What an audit line carries that metrics need (see `workflows/audit.ts`). */
export interface AuditLine {
  event: string;
  vendor?: string;
  /** Workflow time since the request was made. */
  sinceRequestedMs?: number;
  /** How long the step the event ends took (a human step). */
  waitedMs?: number;
  /** For revocations: whether the vendor proved the key refused. */
  verified?: boolean;
}

/** Request outcomes counted by `keywarden_requests_total`, by the audit event that records them. */
const REQUEST_OUTCOMES: Readonly<Record<string, string>> = {
  'request.submitted': 'submitted',
  'request.approved': 'approved',
  'request.auto_approved': 'auto_approved',
  'request.denied': 'denied',
  'request.expired': 'expired',
  'request.failed': 'failed',
  'credential.delivered': 'delivered',
};

const REVOCATIONS = new Set([
  'credential.revoked',
  'credential.expired',
  'credential.revoked_unrevealed',
  'credential.old_key_retired',
]);

/** Human waits run from minutes to days; vendor calls from milliseconds to a timeout. */
const WAIT_BUCKETS = [1, 10, 60, 300, 900, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400];
const CALL_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class KeywardenMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'keywarden_requests_total',
    help: 'Credential requests by vendor and outcome (submitted, approved, auto_approved, denied, expired, failed, delivered)',
    labelNames: ['vendor', 'outcome'],
    registers: [this.registry],
  });
  private readonly approvalWait = this.histogram(
    'keywarden_approval_wait_seconds',
    'Request made → approved',
    WAIT_BUCKETS,
  );
  private readonly timeToDelivery = this.histogram(
    'keywarden_time_to_delivery_seconds',
    'Request made → key delivered',
    WAIT_BUCKETS,
  );
  private readonly humanStepWait = this.histogram(
    'keywarden_human_step_wait_seconds',
    'Human step opened → done',
    WAIT_BUCKETS,
  );
  private readonly revocations = new Counter({
    name: 'keywarden_revocations_total',
    help: 'Keys revoked, by vendor and whether the vendor proved the key refused (verified) or not (unverified)',
    labelNames: ['vendor', 'outcome'],
    registers: [this.registry],
  });
  private readonly vendorCalls = new Counter({
    name: 'keywarden_vendor_calls_total',
    help: 'HTTP calls to vendor APIs by vendor, method and status (0 = no answer)',
    labelNames: ['vendor', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly vendorLatency = this.histogram(
    'keywarden_vendor_call_duration_seconds',
    'Vendor API call latency',
    CALL_BUCKETS,
  );
  private readonly slackErrors = new Counter({
    name: 'keywarden_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and Slack error code',
    labelNames: ['method', 'error'],
    registers: [this.registry],
  });
  private readonly slackRateLimited = new Counter({
    name: 'keywarden_slack_api_rate_limited_total',
    help: 'Slack Web API answers of 429 (the client waits and retries, or hands the retry to Temporal)',
    labelNames: ['method'],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts what one audit line records. */
  readonly observeAudit = (line: AuditLine): void => {
    const vendor = line.vendor ?? 'unknown';
    const outcome = REQUEST_OUTCOMES[line.event];
    if (outcome) this.requests.inc({ vendor, outcome });
    const since = seconds(line.sinceRequestedMs);
    if (since !== undefined && (line.event === 'request.approved' || line.event === 'request.auto_approved')) {
      this.approvalWait.observe({ vendor }, since);
    }
    if (since !== undefined && line.event === 'credential.delivered') this.timeToDelivery.observe({ vendor }, since);
    const waited = seconds(line.waitedMs);
    if (waited !== undefined && line.event === 'task.submitted') this.humanStepWait.observe({ vendor }, waited);
    if (REVOCATIONS.has(line.event) && line.verified !== undefined) {
      this.revocations.inc({ vendor, outcome: line.verified ? 'verified' : 'unverified' });
    }
  };

  readonly observeVendorCall = (call: VendorCall): void => {
    this.vendorCalls.inc({ vendor: call.vendor, method: call.method, status: String(call.status) });
    this.vendorLatency.observe({ vendor: call.vendor }, call.seconds);
  };

  readonly observeSlackError = (method: string, error: string): void => {
    this.slackErrors.inc({ method, error });
    if (error === 'ratelimited') this.slackRateLimited.inc({ method });
  };

  private histogram(name: string, help: string, buckets: number[]): Histogram<'vendor'> {
    return new Histogram({ name, help, buckets, labelNames: ['vendor'], registers: [this.registry] });
  }
}

function seconds(ms: number | undefined): number | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}
