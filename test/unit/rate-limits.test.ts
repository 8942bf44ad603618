/** Vendor rate limits: set per vendor in keywarden.yaml, defaulting to what each vendor documents. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load';
import { DEFAULT_RATE_PER_SECOND, vendorRates } from '../../vendors/rate-limits';
import { encodeNetosecret } from '../../vendors/vectra-fusion/netosecret';
import { vendorTaskQueue } from '../../workflows/ids';

const netosecret = encodeNetosecret({
  url: 'https://fusion.example/api/v1',
  shortname: 'acme',
  appname: 'admin',
  sharedsecret: 'ss',
  appkey: 'ak',
});

function load(vendorLines: string): ReturnType<typeof loadConfig> {
  const path = join(mkdtempSync(join(tmpdir(), 'kw-rates-')), 'keywarden.yaml');
  writeFileSync(path, `approvals:\n  channel: C0APPROVE\n  approvers: [U0ALICE, U0BOB]\nvendors:\n${vendorLines}`);
  return loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', KEYWARDEN_CONFIG: path, NS: netosecret });
}

test('a vendor without a rate limit gets its documented default; one with a limit keeps it', () => {
  const config = load(
    [
      '  vectra:',
      '    type: vectra-fusion',
      '    admin_netosecret_env: NS',
      '  vectra-eu:',
      '    type: vectra-fusion',
      '    admin_netosecret_env: NS',
      '    rate_limit_per_second: 3',
      '',
    ].join('\n'),
  );
  expect(vendorRates(config.vendors)).toEqual({ vectra: DEFAULT_RATE_PER_SECOND['vectra-fusion'], 'vectra-eu': 3 });
});

test('a rate that is not a positive number up to 100 is refused, naming the vendor', () => {
  expect(() =>
    load('  vectra:\n    type: vectra-fusion\n    admin_netosecret_env: NS\n    rate_limit_per_second: 0\n'),
  ).toThrow(ConfigError);
  try {
    load('  vectra:\n    type: vectra-fusion\n    admin_netosecret_env: NS\n    rate_limit_per_second: 0\n');
  } catch (error) {
    expect((error as ConfigError).problems.join('\n')).toMatch(/vendors\.vectra.*rate_limit_per_second.*more than 0/);
  }
});

test('each vendor has its own task queue beside the main one', () => {
  expect(vendorTaskQueue('keywarden', 'automox')).toBe('keywarden.vendor.automox');
});
