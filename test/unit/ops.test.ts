/**
 * The ops endpoint over real HTTP: `/healthz` answers, `/readyz` tells the truth check by check, `/metrics`
 * carries Keywarden's metrics (counted from audit lines, vendor calls and Slack errors) followed by the SDK's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { KeywardenMetrics } from '../../server/ops/metrics';
import type { ReadinessCheck } from '../../server/ops/readiness';
import { startOpsServer, type OpsServer } from '../../server/ops/server';

let ops: OpsServer;
let sdk: Server;
let metrics: KeywardenMetrics;
let checks: ReadinessCheck[];

beforeEach(async () => {
  metrics = new KeywardenMetrics({ processMetrics: false });
  checks = [
    { name: 'temporal', ok: true, detail: 'the Temporal frontend answers' },
    { name: 'slack', ok: true, detail: 'Slack accepts the bot token' },
  ];
  sdk = createServer((_req, res) =>
    res.end('# TYPE temporal_workflow_completed counter\ntemporal_workflow_completed 3\n'),
  );
  await new Promise<void>((resolve) => sdk.listen(0, '127.0.0.1', resolve));
  ops = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    metrics,
    readiness: () => Promise.resolve(checks),
    sdkMetricsUrl: `http://127.0.0.1:${(sdk.address() as AddressInfo).port}/metrics`,
  });
});
afterEach(async () => {
  await ops.stop();
  await new Promise<void>((resolve) => sdk.close(() => resolve()));
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await request(`${ops.url}${path}`);
  return { status: res.statusCode, text: await res.body.text() };
}

test('/healthz says the process answers', async () => {
  expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
});

test('/readyz is 200 only when every check passes, and says which one failed', async () => {
  expect((await get('/readyz')).status).toBe(200);
  checks[0] = { name: 'temporal', ok: false, detail: 'Temporal does not answer: connection refused' };
  const answer = await get('/readyz');
  expect(answer.status).toBe(503);
  expect(JSON.parse(answer.text)).toEqual({ ready: false, checks });
});

test('/metrics counts requests, waits and revocations from audit lines, labelled by vendor', async () => {
  metrics.observeAudit({ event: 'request.submitted', vendor: 'automox', sinceRequestedMs: 0 });
  metrics.observeAudit({ event: 'request.approved', vendor: 'automox', sinceRequestedMs: 90_000 });
  metrics.observeAudit({ event: 'task.submitted', vendor: 'ncentral', waitedMs: 600_000 });
  metrics.observeAudit({ event: 'credential.delivered', vendor: 'automox', sinceRequestedMs: 95_000 });
  metrics.observeAudit({ event: 'credential.revoked', vendor: 'automox', verified: true });
  metrics.observeAudit({ event: 'credential.expired', vendor: 'ncentral', verified: false });
  const { status, text } = await get('/metrics');
  expect(status).toBe(200);
  expect(text).toContain('keywarden_requests_total{vendor="automox",outcome="submitted"} 1');
  expect(text).toContain('keywarden_requests_total{vendor="automox",outcome="delivered"} 1');
  expect(text).toContain('keywarden_approval_wait_seconds_sum{vendor="automox"} 90');
  expect(text).toContain('keywarden_time_to_delivery_seconds_sum{vendor="automox"} 95');
  expect(text).toContain('keywarden_human_step_wait_seconds_sum{vendor="ncentral"} 600');
  expect(text).toContain('keywarden_revocations_total{vendor="automox",outcome="verified"} 1');
  expect(text).toContain('keywarden_revocations_total{vendor="ncentral",outcome="unverified"} 1');
  expect(text).toContain('temporal_workflow_completed 3');
});

test('/metrics counts vendor calls by status with latency, and Slack errors by code', async () => {
  metrics.observeVendorCall({ vendor: 'vectra', method: 'GET', status: 200, seconds: 0.04 });
  metrics.observeVendorCall({ vendor: 'vectra', method: 'POST', status: 429, seconds: 0.01 });
  metrics.observeSlackError('chat.postMessage', 'ratelimited');
  metrics.observeSlackError('chat.postEphemeral', 'user_not_in_channel');
  const { text } = await get('/metrics');
  expect(text).toContain('keywarden_vendor_calls_total{vendor="vectra",method="GET",status="200"} 1');
  expect(text).toContain('keywarden_vendor_calls_total{vendor="vectra",method="POST",status="429"} 1');
  expect(text).toContain('keywarden_vendor_call_duration_seconds_count{vendor="vectra"} 2');
  expect(text).toContain('keywarden_slack_api_errors_total{method="chat.postMessage",error="ratelimited"} 1');
  expect(text).toContain('keywarden_slack_api_rate_limited_total{method="chat.postMessage"} 1');
  expect(text).toContain('keywarden_slack_api_errors_total{method="chat.postEphemeral",error="user_not_in_channel"} 1');
});

test('Keywarden metrics still go out when the SDK endpoint is down', async () => {
  await new Promise<void>((resolve) => sdk.close(() => resolve()));
  sdk = createServer();
  const { status, text } = await get('/metrics');
  expect(status).toBe(200);
  expect(text).toContain('# Temporal SDK metrics unavailable');
  expect(text).toContain('# TYPE keywarden_requests_total counter');
});

test('anything else is refused with where to look', async () => {
  expect((await get('/nope')).status).toBe(404);
  const post = await request(`${ops.url}/metrics`, { method: 'POST' });
  expect(post.statusCode).toBe(405);
  await post.body.dump();
});
