/** Process roles from the command line, and how Keywarden authenticates to a Temporal frontend it does not run. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { parseRole, ROLE_USAGE } from '../../server/roles';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

const dir = mkdtempSync(join(tmpdir(), 'kw-roles-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 's',
  KEYWARDEN_SEALING_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  KEYWARDEN_CONFIG: file(
    'keywarden.yaml',
    'approvals:\n  channel: C0APPROVE\n  approvers: [U0ALICE, U0BOB]\nvendors:\n  vectra:\n    type: vectra-fusion\n    admin_netosecret_env: VECTRA_NS\n',
  ),
  VECTRA_NS: encodeNetosecret({
    url: 'https://f.example',
    shortname: 'a',
    appname: 'b',
    sharedsecret: 'c',
    appkey: 'd',
  }),
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

test('all-in-one is the default; split roles need a shared Temporal server and keys; anything else gets the usage', () => {
  const local = { temporalAddress: undefined, sealingKeys: false };
  const shared = { temporalAddress: 'temporal:7233', sealingKeys: true };
  expect(parseRole([], local)).toBe('all');
  expect(parseRole(['worker'], shared)).toBe('worker');
  expect(parseRole(['bot'], shared)).toBe('bot');
  expect(parseRole(['codec'], shared)).toBe('codec');
  expect(parseRole(['bot'], local)).toEqual([expect.stringMatching(/^TEMPORAL_ADDRESS: the bot role shares/)]);
  expect(parseRole(['codec'], local)).toEqual([expect.stringMatching(/^KEYWARDEN_SEALING_KEYS: the codec role/)]);
  expect(parseRole(['wroker'], local)).toEqual(['unknown role "wroker"', ROLE_USAGE]);
  expect(parseRole(['bot', 'worker'], shared)).toEqual(['expected at most one role, got: bot worker', ROLE_USAGE]);
});

test('mTLS files are read at start-up, with the CA and server name when given', () => {
  const config = loadConfig({
    ...base,
    TEMPORAL_ADDRESS: 'temporal.example:7233',
    TEMPORAL_TLS_CERT: file('client.pem', 'CERT'),
    TEMPORAL_TLS_KEY: file('client.key', 'KEY'),
    TEMPORAL_TLS_CA: file('ca.pem', 'CA'),
    TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
  });
  expect(config.temporal.auth).toEqual({
    tls: {
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      serverRootCACertificate: Buffer.from('CA'),
      serverNameOverride: 'frontend.temporal.internal',
    },
  });
});

test('a Temporal Cloud API key alone means TLS with the system CAs', () => {
  const config = loadConfig({ ...base, TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret-key' });
  expect(config.temporal.auth).toEqual({ tls: true, apiKey: 'secret-key' });
});

test('half a certificate pair, an unreadable file, or TLS without an address are each named', () => {
  expect(problems({ ...base, TEMPORAL_ADDRESS: 't:7233', TEMPORAL_TLS_CERT: join(dir, 'missing.pem') }).sort()).toEqual(
    [
      'TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both (the client certificate and its key) or neither',
      `TEMPORAL_TLS_CERT: cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
    ],
  );
  expect(problems({ ...base, TEMPORAL_API_KEY: 'k' })).toEqual([
    'TEMPORAL_API_KEY: only applies to a Temporal server you run (set TEMPORAL_ADDRESS too)',
  ]);
});
