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
import { approvalMessage, dmsTo, REQUESTER, requestKey, revealSecret } from '../support/flows';
import { startStack, type Stack } from '../support/stack';
import { eventually } from '../support/wait';

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

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sealingKeys: SEALING_KEYS });
});
afterAll(() => stack.stop());

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
  const label = process.env.KW_RECORD_HISTORIES;
  if (label) {
    for (const { kind, history } of histories) {
      writeFileSync(join(FIXTURES, `${label}-vectra-${kind}.history.pb`), History.encode(history).finish());
    }
  }
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
