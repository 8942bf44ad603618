import type { z } from 'zod';

/** Every problem found in the environment and config file, reported together so one edit can fix them all. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Keywarden cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `approvals.approvers.1: must be a Slack user ID` — the path first, as an admin searches the file for it. */
export function describeIssues(prefix: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = [prefix, path].filter(Boolean).join(path && prefix ? ' → ' : '');
    return `${where || '(root)'}: ${issue.message}`;
  });
}
