/**
 * Replay guards workflow changes: histories recorded from real runs (test/fixtures/histories) must replay on
 * today's workflow code without non-determinism, and so must histories produced by this run. After a patched
 * workflow change, add fixtures of the new shape beside the old ones with KW_RECORD_HISTORIES=<label> (files
 * `<label>-vectra-*.history.pb`); old fixtures stay, since running workflows of every version must still replay.
 * Fixtures are the protobuf bytes the server returned, encrypted by the codec under the fixture-only key beside
 * them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { parseSealingKeys } from '../../secrets/sealing';
import { keywardenDataConverter } from '../../server/temporal/data-converter';
import { timelineQuery } from '../../workflows/messages';
import { approvalMessage, dmsTo, REQUESTER, requestKey, revealSecret } from '../support/flows';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';

const { History } = temporal.api.history.v1;
type Recorded = { workflowId: string; history: temporal.api.history.v1.IHistory };

const FIXTURES = join(__dirname, '../fixtures/histories');
const SEALING_KEYS = readFileSync(join(FIXTURES, 'sealing-keys.txt'), 'utf8').trim();

async function replayAll(histories: Recorded[]): Promise<string[]> {
  const codePath = process.env.KW_TEST_WORKFLOW_BUNDLE;
  const keys = parseSealingKeys(SEALING_KEYS);
  if (!codePath || !keys.ok) throw new Error('needs the e2e global setup and the fixture sealing key');
  const options = { workflowBundle: { codePath }, dataConverter: keywardenDataConverter(keys.keys) };
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(options, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  return failures;
}

const HOOK_SECRET = 'replay-fixture-webhook-signing-secret';
const receiver = new WebhookReceiver(HOOK_SECRET);

let stack: Stack;
beforeAll(async () => {
  const url = await receiver.start();
  stack = await startStack({
    sealingKeys: SEALING_KEYS,
    env: { REPLAY_HOOK_SECRET: HOOK_SECRET },
    destinations: `  hook:\n    type: webhook\n    url: ${url}\n    signing_secret_env: REPLAY_HOOK_SECRET\n    allow_insecure_loopback: true`,
    policies: '  - vendor: vectra\n    destinations: { allowed: [hook], require_approval: false }',
  });
});
afterAll(async () => {
  await stack.stop();
  await receiver.stop();
});

/** Writes fixtures `<label>-<story>-<kind>.history.pb` when KW_RECORD_HISTORIES names a label. */
function record(story: string, histories: Array<Recorded & { kind: string }>): void {
  const label = process.env.KW_RECORD_HISTORIES;
  if (!label) return;
  for (const { kind, history } of histories) {
    writeFileSync(join(FIXTURES, `${label}-${story}-${kind}.history.pb`), History.encode(history).finish());
  }
}

test('histories from a full request and credential lifecycle replay on the current code', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=3s purpose="Replay fixture"');
  await stack.client.click('UALICE', await approvalMessage(stack, requestId), 'Approve');
  await revealSecret(stack, requestId);
  await eventually(
    () => dmsTo(stack, REQUESTER).find((t) => t.includes(requestId) && t.includes('was revoked')),
    'revoked',
    40_000,
  );

  const histories: Array<Recorded & { kind: string }> = [];
  for (const kind of ['request', 'credential']) {
    const workflowId = `${kind}-${requestId}`;
    histories.push({ workflowId, kind, history: await stack.temporal.workflow.getHandle(workflowId).fetchHistory() });
  }
  record('vectra', histories);
  expect(await replayAll(histories)).toEqual([]);
});

test('histories of a key for a machine (webhook delivery, rotation, acknowledged switch, retirement) replay', async () => {
  const requestId = await requestKey(stack, 'request vectra role=readonly ttl=1h purpose="Replay machine" dest=hook');
  await eventually(() => receiver.keys.find((k) => k.generationId === requestId), 'first key at the consumer');
  const credential = stack.temporal.workflow.getHandle(`credential-${requestId}`);
  const firstRun = (await credential.describe()).runId;
  await stack.client.command(REQUESTER, `rotate ${requestId}`);
  await eventually(
    async () => (await credential.query(timelineQuery)).some((e) => e.event === 'credential.old_key_retired'),
    'old key retired after the acknowledgement',
  );
  const histories: Array<Recorded & { kind: string }> = [
    {
      workflowId: `request-${requestId}`,
      kind: 'request',
      history: await stack.temporal.workflow.getHandle(`request-${requestId}`).fetchHistory(),
    },
    {
      workflowId: `credential-${requestId}`,
      kind: 'credential',
      history: await stack.temporal.workflow.getHandle(`credential-${requestId}`, firstRun).fetchHistory(),
    },
    { workflowId: `credential-${requestId}`, kind: 'credential-rotated', history: await credential.fetchHistory() },
  ];
  record('webhook', histories);
  expect(await replayAll(histories)).toEqual([]);
});

test('recorded fixture histories replay on the current code', async () => {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.history.pb'));
  expect(files.length).toBeGreaterThan(0);
  const histories = files.map((file) => ({
    workflowId: file.replace('.history.pb', ''),
    history: History.decode(readFileSync(join(FIXTURES, file))),
  }));
  expect(await replayAll(histories)).toEqual([]);
});
