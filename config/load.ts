/**
 * The configuration module: the only code that reads `process.env`. It validates the environment and
 * `keywarden.yaml` together and reports every problem at once, by name.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseSealingKeys, type SealingKey } from '../secrets/sealing';
import { resolveVendorConnection, type VendorConnection } from '../vendors/config';
import { resolveDestination, type DestinationConnection } from '../destinations/config';
import { policyProblems, type VendorPolicyFacts } from '../policies/check';
import type { Policies } from '../policies/types';
import { crossVariableProblems, envSchema, type Env } from './env';
import { ConfigError, describeIssues } from './errors';
import { configFileSchema, type ConfigFile } from './file';
import { checkableParts, type CheckableParts } from './partial';
import { readPolicies } from './policies';
import { readTemporalAuth, type TemporalAuth } from './temporal-tls';

export { ConfigError } from './errors';

export interface KeywardenConfig {
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; port: number };
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    cliPath?: string;
    devServerPort: number;
    devServerUiPort: number;
    /** Port of the Web UI's codec endpoint; 0 turns it off. */
    codecPort: number;
    codecHost: string;
    /** The Web UI origin the codec answers (CORS). */
    codecOrigin: string;
    /** Where to look for a `temporal` binary. */
    searchPath?: string;
    /** mTLS and/or API key for a frontend Keywarden does not run. */
    auth: TemporalAuth;
    /** A prebuilt workflow bundle; undefined = bundle at start. */
    workflowBundle?: string;
  };
  /** Where `/metrics`, `/healthz` and `/readyz` are served; port 0 picks a free one. */
  ops: { host: string; port: number };
  /** The environment for helper tools Keywarden runs (the Go toolchain that builds the Temporal CLI). */
  toolEnv: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  cacheDir: string;
  /** Undefined when `KEYWARDEN_SEALING_KEYS` is unset; the embedded mode then keeps a key in `dataDir`. */
  sealingKeys?: SealingKey[];
  logLevel: Env['LOG_LEVEL'];
  /** Approval and credential policies: the defaults and the per-vendor/role entries; see `resolvePolicy`. */
  policies: Policies;
  admins: string[];
  vendors: Record<string, VendorConnection>;
  /** Where keys for machines are delivered, by name (`dest=`). */
  destinations: Record<string, DestinationConnection>;
}

type EnvSource = Readonly<Record<string, string | undefined>>;

export function loadConfig(source: EnvSource = process.env): KeywardenConfig {
  const problems: string[] = [];
  const env = envSchema.safeParse(source);
  if (!env.success) problems.push(...describeIssues('', env.error.issues));
  problems.push(...crossVariableProblems(source));
  const configPath = resolve(source.KEYWARDEN_CONFIG || 'keywarden.yaml');
  const { file, checkable } = readConfigFile(configPath, problems);
  const readSecret = (name: string): string | undefined => source[name]?.trim() || undefined;

  const vendors: Record<string, VendorConnection> = {};
  for (const [key, entry] of Object.entries(checkable?.vendors ?? {})) {
    const resolved = resolveVendorConnection(entry, readSecret);
    if (Array.isArray(resolved)) problems.push(...resolved.map((p) => `${configPath} → vendors.${key}.${p}`));
    else vendors[key] = resolved;
  }
  const destinations: Record<string, DestinationConnection> = {};
  for (const [key, entry] of Object.entries(file?.destinations ?? {})) {
    const resolved = resolveDestination(entry, readSecret);
    if (Array.isArray(resolved)) problems.push(...resolved.map((p) => `${configPath} → destinations.${key}.${p}`));
    else destinations[key] = resolved;
  }
  const policies = file ? readPolicies(file) : undefined;
  if (file && policies) problems.push(...unknownDestinations(policies, file).map((p) => `${configPath} → ${p}`));
  const checkablePolicies = checkable?.policies ? readPolicies(checkable.policies) : undefined;
  if (checkable?.policies && checkablePolicies) {
    const named = new Set(checkable.vendorNames);
    const found = policyProblems(policiesOfResolvedVendors(checkablePolicies, named, vendors), policyFacts(vendors));
    problems.push(...found.map((p) => `${configPath} → ${p}`));
  }
  let sealingKeys: SealingKey[] | undefined;
  const sealingSpec = source.KEYWARDEN_SEALING_KEYS?.trim();
  if (sealingSpec) {
    const parsed = parseSealingKeys(sealingSpec);
    if (parsed.ok) sealingKeys = parsed.keys;
    else problems.push(...parsed.problems.map((p) => `KEYWARDEN_SEALING_KEYS: ${p}`));
  }
  const temporalAuth = env.success ? readTemporalAuth(env.data, problems) : {};
  if (problems.length > 0 || !env.success || !file || !policies) throw new ConfigError(problems);
  return {
    ...assemble(env.data, file, policies, vendors, sealingKeys, temporalAuth, destinations),
    toolEnv: { ...source },
  };
}

/**
 * Leaves out the entries of vendors whose connection could not be resolved: that problem is already reported,
 * and without the connection the entry's roles cannot be checked (nor called unknown).
 */
function policiesOfResolvedVendors(
  policies: Policies,
  vendorNames: ReadonlySet<string>,
  vendors: Record<string, VendorConnection>,
): Policies {
  const unresolved = (name: string) => vendorNames.has(name) && !Object.hasOwn(vendors, name);
  return { ...policies, overrides: policies.overrides.filter((entry) => !unresolved(entry.vendor)) };
}

/** A policy may only allow destinations configured under `destinations`. */
function unknownDestinations(policies: Policies, file: ConfigFile): string[] {
  const known = Object.keys(file.destinations);
  return policies.overrides.flatMap((entry, index) =>
    (entry.destinations?.allowed ?? [])
      .map((name, at) => ({ name, at }))
      .filter(({ name }) => !known.includes(name))
      .map(
        ({ name, at }) =>
          `policies.${index}.destinations.allowed.${at}: no destination "${name}" under destinations` +
          (known.length > 0 ? ` (configured: ${known.join(', ')})` : ' (none is configured)'),
      ),
  );
}

function policyFacts(vendors: Record<string, VendorConnection>): Record<string, VendorPolicyFacts> {
  return Object.fromEntries(
    Object.entries(vendors).map(([name, connection]) => {
      const operators = 'humanSteps' in connection ? connection.humanSteps?.operators : undefined;
      const hasOperatorSteps = (operators?.users.length ?? 0) + (operators?.groups.length ?? 0) > 0;
      return [name, { roles: connection.roles, hasOperatorSteps }];
    }),
  );
}

/** The file when it is valid, and in any case the parts that can be checked further. */
interface ReadFile {
  file?: ConfigFile;
  checkable?: CheckableParts;
}

function readConfigFile(path: string, problems: string[]): ReadFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    problems.push(`KEYWARDEN_CONFIG: cannot read ${path} (create it from keywarden.example.yaml)`);
    return {};
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    problems.push(`${path}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (parsed.success) {
    const file = parsed.data;
    return { file, checkable: { vendors: file.vendors, vendorNames: Object.keys(file.vendors), policies: file } };
  }
  problems.push(...describeIssues(path, parsed.error.issues));
  return { checkable: checkableParts(raw) };
}

function assemble(
  env: Env,
  file: ConfigFile,
  policies: Policies,
  vendors: Record<string, VendorConnection>,
  sealingKeys: SealingKey[] | undefined,
  temporalAuth: TemporalAuth,
  destinations: Record<string, DestinationConnection>,
): Omit<KeywardenConfig, 'toolEnv'> {
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT,
    },
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      cliPath: env.KEYWARDEN_TEMPORAL_CLI,
      devServerPort: env.KEYWARDEN_TEMPORAL_PORT,
      devServerUiPort: env.KEYWARDEN_TEMPORAL_UI_PORT,
      codecPort: env.KEYWARDEN_CODEC_PORT,
      codecHost: env.KEYWARDEN_CODEC_HOST,
      codecOrigin: env.KEYWARDEN_CODEC_ORIGIN ?? `http://127.0.0.1:${env.KEYWARDEN_TEMPORAL_UI_PORT}`,
      searchPath: env.PATH,
      auth: temporalAuth,
      workflowBundle: env.KEYWARDEN_WORKFLOW_BUNDLE,
    },
    ops: { host: env.KEYWARDEN_OPS_HOST, port: env.KEYWARDEN_OPS_PORT },
    dataDir: resolve(env.KEYWARDEN_DATA_DIR),
    cacheDir: join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache'), 'keywarden'),
    sealingKeys,
    logLevel: env.LOG_LEVEL,
    policies,
    admins: file.admins,
    vendors,
    destinations,
  };
}
