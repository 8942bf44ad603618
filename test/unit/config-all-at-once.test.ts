/**
 * One run names every problem: a schema error in one part of `keywarden.yaml` does not hide the missing
 * environment variables of the vendors that parse, nor the cross-field policy rules, nor the environment's own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';

function withFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kw-config-')), 'keywarden.yaml');
  writeFileSync(path, yaml);
  return path;
}

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const brokenFile = `
approvals:
  channel: C0APPROVE
  approvers: [U0ALICE, U0BOB]
credentials:
  default_ttl: 60d
  max_ttl: 30d
vendors:
  vectra:
    type: vectra-fusion
    admin_netosecret_env: VECTRA_NS
  ncentral:
    type: n-central
    base_url: not a url
    org_unit_id: 50
    verifier_jwt_env: NCENTRAL_JWT
  automox:
    type: automox
    org_id: 42
    integrations:
      siem: { user_id: 7, api_key_env: AUTOMOX_SIEM_KEY }
`;

test('a schema error in one vendor does not hide the other vendors’ missing variables, the policy rules or the env', () => {
  const found = problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', KEYWARDEN_CONFIG: withFile(brokenFile) });
  const text = found.join('\n');
  // The environment: a mistyped token and the missing signing secret.
  expect(text).toContain('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  expect(text).toContain('SLACK_SIGNING_SECRET: is required in HTTP mode');
  // The schema error itself.
  expect(text).toMatch(/vendors\.ncentral\.base_url: /);
  // The vendors that parse still have their secrets looked up.
  expect(text).toMatch(/vendors\.vectra\.admin_netosecret_env: environment variable VECTRA_NS is not set/);
  expect(text).toMatch(/vendors\.automox\..*AUTOMOX_SIEM_KEY/);
  // The cross-field policy rules still run on the sections that parse.
  expect(text).toMatch(/default_ttl.*max_ttl|max_ttl.*default_ttl/);
  // The broken entry is reported once, by the schema, not again as a missing secret.
  expect(text).not.toContain('NCENTRAL_JWT');
});

test('a policy naming a vendor whose entry is broken is not also called an unknown vendor', () => {
  const path = withFile(`${brokenFile}policies:\n  - vendor: ncentral\n    credentials: { max_ttl: 7d }\n`);
  const found = problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', KEYWARDEN_CONFIG: path });
  expect(found.filter((p) => p.includes('policies.0'))).toEqual([]);
});
