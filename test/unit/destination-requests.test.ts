/** `dest=` in a request: only a configured destination the vendor's and role's policy allows, each refusal explained. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load';
import { buildCatalog } from '../../slack/requests/catalog';
import { validateRequest, type RequestInput } from '../../slack/requests/validate';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';

function catalogWith(policies: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'kw-dest-req-')), 'keywarden.yaml');
  writeFileSync(
    path,
    [
      'approvals: { channel: C0APPROVE, approvers: [U0ALICE, U0BOB] }',
      'vendors:',
      '  vectra: { type: vectra-fusion, admin_netosecret_env: VECTRA_NS }',
      'destinations:',
      '  siem: { type: webhook, url: "https://siem.example.com/k", signing_secret_env: HOOK_SECRET }',
      '  other: { type: webhook, url: "https://other.example.com/k", signing_secret_env: HOOK_SECRET }',
      ...(policies ? [`policies:\n${policies}`] : []),
    ].join('\n'),
  );
  const netosecret = encodeNetosecret({
    url: 'https://f.example',
    shortname: 'a',
    appname: 'b',
    sharedsecret: 'c',
    appkey: 'd',
  });
  return buildCatalog(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      KEYWARDEN_CONFIG: path,
      VECTRA_NS: netosecret,
      HOOK_SECRET: 'a-signing-secret-long-enough',
    }),
  );
}

const input = (dest: string): RequestInput => ({
  vendor: 'vectra',
  role: 'readonly',
  ttl: '30d',
  purpose: 'SIEM ingestion',
  dest,
  extra: new Map(),
});

test('an allowed destination is carried by the valid request', () => {
  const catalog = catalogWith('  - vendor: vectra\n    destinations: { allowed: [siem] }');
  expect(validateRequest(input('siem'), catalog)).toMatchObject({ kind: 'valid', request: { destination: 'siem' } });
  expect(catalog.destinations.get('siem')).toEqual({
    key: 'siem',
    type: 'webhook',
    describe: 'webhook https://siem.example.com/k',
  });
});

test('a destination the policy does not allow, or that does not exist, is refused with what is allowed', () => {
  const catalog = catalogWith('  - vendor: vectra\n    destinations: { allowed: [siem] }');
  expect(validateRequest(input('other'), catalog)).toEqual({
    kind: 'invalid',
    errors: [
      {
        field: 'dest',
        message:
          'Vectra Fusion readonly keys may not be delivered to `other` (policy: policies.0 (vectra)). Allowed: siem.',
      },
    ],
  });
  expect(validateRequest(input('nowhere'), catalog)).toEqual({
    kind: 'invalid',
    errors: [{ field: 'dest', message: 'Unknown destination `nowhere`. Configured: siem, other.' }],
  });
  const none = catalogWith('');
  expect(validateRequest(input('siem'), none)).toMatchObject({
    kind: 'invalid',
    errors: [{ field: 'dest', message: expect.stringContaining('Leave dest out to reveal the key yourself.') }],
  });
});
