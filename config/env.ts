/** Schema of the process environment (see the configuration table in README.md). */
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const port = z.coerce
  .number({ error: 'must be a port number (0-65535)' })
  .int({ error: 'must be a port number (0-65535)' })
  .min(0, { error: 'must be a port number (0-65535)' })
  .max(65535, { error: 'must be a port number (0-65535)' });

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), { message: 'must be a URL' }),
  PORT: port.default(3000),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('keywarden'),
  KEYWARDEN_CONFIG: z.string().min(1).default('keywarden.yaml'),
  KEYWARDEN_SEALING_KEYS: optionalText,
  KEYWARDEN_DATA_DIR: z.string().min(1).default('.keywarden'),
  KEYWARDEN_TEMPORAL_CLI: optionalText,
  /** A workflow bundle made at build time (`npm run build` writes dist/workflow-bundle.js); skips webpack at start. */
  KEYWARDEN_WORKFLOW_BUNDLE: optionalText,
  KEYWARDEN_TEMPORAL_PORT: port.default(7233),
  KEYWARDEN_TEMPORAL_UI_PORT: port.default(8233),
  KEYWARDEN_CODEC_PORT: port.default(8234),
  KEYWARDEN_CODEC_HOST: z.string().min(1).default('127.0.0.1'),
  /** The Web UI's origin, allowed to call the codec from the browser; by default the embedded server's UI. */
  KEYWARDEN_CODEC_ORIGIN: optionalText.refine((v) => v === undefined || URL.canParse(v), { message: 'must be a URL' }),
  /** `/metrics`, `/healthz`, `/readyz`; on loopback unless told otherwise (a container sets 0.0.0.0). */
  KEYWARDEN_OPS_PORT: port.default(9464),
  KEYWARDEN_OPS_HOST: z.string().min(1).default('127.0.0.1'),
  /** mTLS to the Temporal frontend: client certificate and key files, optionally the CA and server name. */
  TEMPORAL_TLS_CERT: optionalText,
  TEMPORAL_TLS_KEY: optionalText,
  TEMPORAL_TLS_CA: optionalText,
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** A Temporal Cloud API key (implies TLS). */
  TEMPORAL_API_KEY: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XDG_CACHE_HOME: optionalText,
  HOME: optionalText,
  PATH: optionalText,
});

/**
 * Rules that span variables. Checked on the raw environment, so they are reported even when another variable
 * is malformed (schema refinements would be skipped then).
 */
export function crossVariableProblems(source: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string) => Boolean(source[name]?.trim());
  const problems: string[] = [];
  if (!set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (set it, or set SLACK_APP_TOKEN to use Socket Mode)');
  }
  if (set('TEMPORAL_TLS_CERT') !== set('TEMPORAL_TLS_KEY')) {
    problems.push('TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both (the client certificate and its key) or neither');
  }
  for (const name of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_CA', 'TEMPORAL_API_KEY'] as const) {
    if (set(name) && !set('TEMPORAL_ADDRESS')) {
      problems.push(`${name}: only applies to a Temporal server you run (set TEMPORAL_ADDRESS too)`);
    }
  }
  if (set('TEMPORAL_ADDRESS') && !set('KEYWARDEN_SEALING_KEYS')) {
    problems.push('KEYWARDEN_SEALING_KEYS: is required with TEMPORAL_ADDRESS, so every bot and worker shares the keys');
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;
