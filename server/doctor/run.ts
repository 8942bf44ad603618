/**
 * `keywarden doctor`: Slack, then every configured vendor, checked read-only with the real configuration. Used by
 * `npm run doctor` and at start-up, before any Temporal server is started or built.
 */
import type { WebClient } from '@slack/web-api';
import type { Dispatcher } from 'undici';
import { destinationOf } from '../../destinations/all';
import { diagnoseVendor } from '../../vendors/doctor';
import type { DoctorCheck } from '../../vendors/doctor-kit';
import type { KeywardenConfig } from '../../config/load';
import { appTokenCheck } from './app-token-check';
import { slackChecks } from './slack-checks';

export interface DoctorSection {
  title: string;
  checks: DoctorCheck[];
}

export interface DoctorReport {
  sections: DoctorSection[];
}

export interface DoctorDeps {
  slack: WebClient;
  /** Vendor HTTP goes through this dispatcher (tests; a proxy); undici's global one otherwise. */
  dispatcher?: Dispatcher;
}

/** Runs every check; sections run side by side, and a check that throws becomes a failed line, never a crash. */
export async function runDoctor(config: KeywardenConfig, deps: DoctorDeps): Promise<DoctorReport> {
  const vendorSections = Object.entries(config.vendors).map(async ([key, connection]) => ({
    title: `${connection.displayName} (vendors.${key})`,
    checks: await guarded(`${connection.displayName}: checks`, () => diagnoseVendor(connection, deps.dispatcher)),
  }));
  const slack = guarded('Slack: checks', async () => {
    const [checks, appToken] = await Promise.all([slackChecks(config, deps.slack), appTokenCheck(config.slack)]);
    return appToken ? [...checks, appToken] : checks;
  }).then((checks) => ({ title: 'Slack', checks }));
  const destinationSections = Object.entries(config.destinations ?? {}).flatMap(([key, connection]) => {
    const destination = destinationOf(connection);
    if (!destination.diagnose) return [];
    const title = `${connection.describe} (destinations.${key})`;
    const checks = guarded(`${title}: checks`, () => destination.diagnose?.(key, connection) ?? Promise.resolve([]));
    return [checks.then((found) => ({ title, checks: found }))];
  });
  return { sections: await Promise.all([slack, ...vendorSections, ...destinationSections]) };
}

async function guarded(what: string, run: () => Promise<DoctorCheck[]>): Promise<DoctorCheck[]> {
  try {
    return await run();
  } catch (error) {
    return [
      {
        what,
        ok: false,
        detail: `the check itself failed: ${(error as Error).message}`,
        fix: 'this is a bug in Keywarden; please report it with this line',
      },
    ];
  }
}

/** Every failed check. */
export function failures(report: DoctorReport): DoctorCheck[] {
  return report.sections.flatMap((section) => section.checks.filter((check) => !check.ok));
}

/** Failures that must stop start-up: everything but a vendor or Slack that is briefly unreachable. */
export function blockingFailures(report: DoctorReport): DoctorCheck[] {
  return failures(report).filter((check) => !check.transient);
}

/** One line per check with ✓/✗, the detail, and the fix under each failure. */
export function renderReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const section of report.sections) {
    lines.push(section.title);
    for (const check of section.checks) {
      lines.push(`  ${check.ok ? '✓' : '✗'} ${check.what}${check.detail ? ` — ${check.detail}` : ''}`);
      if (!check.ok && check.fix) lines.push(`      fix: ${check.fix}`);
    }
  }
  const failed = failures(report).length;
  lines.push(failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
  return `${lines.join('\n')}\n`;
}
