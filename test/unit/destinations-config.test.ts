/** `destinations:` in keywarden.yaml and the policies that allow them: what loads, and what is refused and why. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { resolvePolicy } from '../../policies/resolve';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

const ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 's',
  VECTRA_NS: encodeNetosecret({
    url: 'https://fusion.example',
    shortname: 'a',
    appname: 'b',
    sharedsecret: 'c',
    appkey: 'd',
  }),
  HOOK_SECRET: 'a-signing-secret-long-enough',
  SIEM_HOOK_SIGNING_SECRET: 'a-signing-secret-long-enough',
  AWS_ID: 'AKIAEXAMPLE',
  AWS_KEY: 'example-secret-access-key',
};

function load(destinations: string, policies = '') {
  const dir = mkdtempSync(join(tmpdir(), 'kw-dest-'));
  const path = join(dir, 'keywarden.yaml');
  writeFileSync(
    path,
    [
      'approvals: { channel: C0APPROVE, approvers: [U0ALICE, U0BOB] }',
      'vendors:',
      '  vectra: { type: vectra-fusion, admin_netosecret_env: VECTRA_NS }',
      `destinations:\n${destinations}`,
      ...(policies ? [`policies:\n${policies}`] : []),
    ].join('\n'),
  );
  return loadConfig({ ...ENV, KEYWARDEN_CONFIG: path });
}

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const HOOK = '  siem: { type: webhook, url: "https://siem.example.com/keywarden", signing_secret_env: HOOK_SECRET }';
const VAULT =
  '  vault: { type: aws-secrets-manager, region: eu-west-1, secret_id: keywarden/siem, access_key_id_env: AWS_ID, secret_access_key_env: AWS_KEY }';

test('a webhook and a Secrets Manager destination load, and a policy allows them per vendor and role', () => {
  const config = load(
    `${HOOK}\n${VAULT}`,
    '  - vendor: vectra\n    destinations: { allowed: [siem, vault], require_approval: false }',
  );
  expect(config.destinations.siem).toMatchObject({
    type: 'webhook',
    describe: 'webhook https://siem.example.com/keywarden',
  });
  expect(config.destinations.vault).toMatchObject({
    type: 'aws-secrets-manager',
    region: 'eu-west-1',
    secretId: 'keywarden/siem',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret-access-key' },
  });
  expect(resolvePolicy(config.policies, 'vectra', 'readonly').destinations).toEqual({
    allowed: ['siem', 'vault'],
    requireApproval: false,
  });
  // Unless the policy says otherwise, a person still approves.
  const strict = load(HOOK, '  - vendor: vectra\n    destinations: { allowed: [siem] }');
  expect(resolvePolicy(strict.policies, 'vectra', 'readonly').destinations?.requireApproval).toBe(true);
});

test('keys are never sent over plain http except to loopback with allow_insecure_loopback, and secrets must be set', () => {
  expect(
    problems(() =>
      load(
        [
          '  plain: { type: webhook, url: "http://siem.example.com/k", signing_secret_env: HOOK_SECRET }',
          '  lan: { type: webhook, url: "http://10.0.0.5/k", signing_secret_env: HOOK_SECRET, allow_insecure_loopback: true }',
          '  unset: { type: webhook, url: "https://siem.example.com/k", signing_secret_env: NOT_SET }',
        ].join('\n'),
      ),
    ),
  ).toEqual([
    expect.stringMatching(/destinations\.plain\.url: keys are only sent over https:\/\//),
    expect.stringMatching(/destinations\.lan\.url: keys are only sent over https:\/\//),
    expect.stringMatching(/destinations\.unset\.signing_secret_env: NOT_SET is not set/),
  ]);
  expect(
    load(
      '  local: { type: webhook, url: "http://127.0.0.1:9/k", signing_secret_env: HOOK_SECRET, allow_insecure_loopback: true }',
    ).destinations.local,
  ).toMatchObject({ url: 'http://127.0.0.1:9/k' });
});

test('a policy may only allow configured destinations; Secrets Manager needs both access-key settings or neither', () => {
  expect(problems(() => load(HOOK, '  - vendor: vectra\n    destinations: { allowed: [siem, elsewhere] }'))).toEqual([
    expect.stringContaining(
      'policies.0.destinations.allowed.1: no destination "elsewhere" under destinations (configured: siem)',
    ),
  ]);
  expect(
    problems(() =>
      load('  vault: { type: aws-secrets-manager, region: eu-west-1, secret_id: s, access_key_id_env: AWS_ID }'),
    ),
  ).toEqual([expect.stringContaining('set both access_key_id_env and secret_access_key_env, or neither')]);
});

test('the commented destinations in keywarden.example.yaml load once uncommented', () => {
  const example = readFileSync(join(__dirname, '../../keywarden.example.yaml'), 'utf8').split('\n');
  const start = example.indexOf('# destinations:');
  expect(start).toBeGreaterThan(0);
  const block = example.slice(start + 1).map((line) => line.replace(/^# ?/, ''));
  const config = load(block.join('\n').replace(/\n+$/, ''));
  expect(Object.keys(config.destinations)).toEqual(['siem-hook', 'siem-secret']);
});
