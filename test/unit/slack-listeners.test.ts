/**
 * The Slack surface's own rules, checked without Slack: features never import one another (what they share is
 * in `slack/shared/`), button values are parsed rather than trusted, and a signed request dated more than five
 * minutes ahead is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datedAhead } from '../../slack/receiver';
import {
  credentialIdValue,
  decisionValue,
  readValue,
  revealHandleValue,
  taskHandleValue,
} from '../../slack/shared/action-values';

const FEATURES = join(__dirname, '../../slack/features');

function sourcesOf(feature: string): string[] {
  const dir = join(FEATURES, feature);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

test('every listener belongs to one feature, and no feature imports another', () => {
  const features = readdirSync(FEATURES);
  expect(features.sort()).toEqual(['approval', 'credential', 'home', 'human-step', 'listing', 'request']);
  for (const feature of features) {
    const imports = sourcesOf(feature).flatMap((text) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? ''));
    const sideways = imports.filter((path) => /^\.\.\/(?!\.\.)/.test(path) || path.includes('/features/'));
    expect({ feature, sideways }).toEqual({ feature, sideways: [] });
  }
});

test.each([
  [
    'a task handle',
    taskHandleValue,
    '{"workflowId":"request-abc123","taskId":"t1","requestId":"abc123","credentialId":"abc123"}',
    true,
  ],
  [
    'a task handle with a step-named task id',
    taskHandleValue,
    '{"workflowId":"credential-abc123","taskId":"generate_apiKey-2","requestId":"abc123","credentialId":"abc123-g2"}',
    true,
  ],
  ['a task handle missing its ids', taskHandleValue, '{"workflowId":"request-abc123"}', false],
  ['a reveal handle', revealHandleValue, '{"credentialId":"abc123","generationId":"abc123-g2"}', true],
  ['a reveal handle that is not JSON', revealHandleValue, '{"credentialId":', false],
  ['a decision on a request', decisionValue, 'request-abc123', true],
  ['a decision on something else', decisionValue, 'schedule-abc123', false],
  ['a credential id', credentialIdValue, 'abc123', true],
  ['a credential id with a query in it', credentialIdValue, "abc' OR 1=1", false],
  ['nothing', credentialIdValue, undefined, false],
])('%s is %s', (_what, schema, raw, valid) => {
  expect(readValue<unknown>(schema, raw) !== undefined).toBe(valid);
});

test.each([
  [6 * 60, true],
  [5 * 60 + 1, true],
  [5 * 60, false],
  [60, false],
  [-10 * 60, false], // old requests are Bolt's to refuse
])('a request dated %i seconds from now is refused as future-dated: %s', (offset, refused) => {
  const now = 1_700_000_000_000;
  const headers = { 'x-slack-request-timestamp': String(now / 1000 + offset) };
  expect(datedAhead({ headers }, now)).toBe(refused);
});

test('a request without a timestamp is left to Bolt, which refuses it', () => {
  expect(datedAhead({ headers: {} }, Date.now())).toBe(false);
});
