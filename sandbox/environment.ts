/**
 * The environment the sandbox's Keywarden is configured from (through the production config loader): the
 * caller's own environment for the tools (PATH, HOME, the Go toolchain, an installed `temporal`), none of their
 * Keywarden settings, and the sandbox's own — its `keywarden.yaml`, a fresh data directory, generated sealing
 * keys, free ports for the embedded Temporal server — plus what the fakes issued and how Slack is reached.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateSealingKeySpec } from '../secrets/sealing';
import { freeLoopbackPort } from '../server/free-port';

/** Variables of the caller's that configure a Keywarden of theirs, not the sandbox's (kept: an installed CLI). */
const THEIRS = /^(KEYWARDEN_(?!TEMPORAL_CLI$)|SLACK_|TEMPORAL_TASK_QUEUE$|PORT$)/;

export interface SandboxEnvParts {
  /** The caller's environment. */
  base: Readonly<Record<string, string | undefined>>;
  dir: string;
  configPath: string;
  /** How Slack is reached: tokens, signing secret, API URL, port. */
  slack: Record<string, string>;
  /** The variables the fakes' entries name. */
  vendors: Record<string, string>;
}

export async function sandboxEnv({ base, dir, configPath, slack, vendors }: SandboxEnvParts) {
  const kept = Object.entries(base).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !THEIRS.test(entry[0]),
  );
  const bundle = join(__dirname, '..', 'workflow-bundle.js');
  return {
    ...Object.fromEntries(kept),
    KEYWARDEN_CONFIG: configPath,
    KEYWARDEN_DATA_DIR: dir,
    KEYWARDEN_SEALING_KEYS: generateSealingKeySpec('sandbox'),
    TEMPORAL_TASK_QUEUE: `keywarden-sandbox-${randomUUID().slice(0, 8)}`,
    KEYWARDEN_TEMPORAL_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_TEMPORAL_UI_PORT: String(await freeLoopbackPort()),
    KEYWARDEN_CODEC_PORT: '0',
    // Built by `npm run build` beside the compiled sandbox: the worker starts without bundling the workflows.
    ...(existsSync(bundle) ? { KEYWARDEN_WORKFLOW_BUNDLE: bundle } : {}),
    ...vendors,
    ...slack,
  };
}
