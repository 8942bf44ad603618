/**
 * `npm run doctor`: checks, read-only, that Slack and every configured vendor work with this configuration and
 * environment. One line per check with the fix; exit status 0 when all pass, 1 when any fails, 2 when the
 * configuration itself cannot be read. It creates and deletes nothing and never prints a secret.
 */
import { ConfigError, loadConfig, type KeywardenConfig } from '../../config/load';
import { createLogger } from '../logger';
import { slackWebClient } from '../../slack/client';
import { failures, renderReport, runDoctor } from './run';

async function main(): Promise<void> {
  let config: KeywardenConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // The report is for a person; the Slack client's own warnings still go out as JSON lines on stderr.
  const logger = createLogger(config.logLevel, process.stderr);
  const report = await runDoctor(config, { slack: slackWebClient(config.slack, { retries: 1, logger }) });
  process.stdout.write(renderReport(report));
  process.exit(failures(report).length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`The doctor failed to run: ${(error as Error).message}\n`);
  process.exit(1);
});
