/** Schema of the process environment (see the configuration table in README.md). */
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'must be an app-level token starting with xapp-',
    }),
    SLACK_API_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), { message: 'must be a URL' }),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    TEMPORAL_ADDRESS: optionalText,
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('keywarden'),
    KEYWARDEN_CONFIG: z.string().min(1).default('keywarden.yaml'),
    KEYWARDEN_SEALING_KEYS: optionalText,
    KEYWARDEN_DATA_DIR: z.string().min(1).default('.keywarden'),
    KEYWARDEN_TEMPORAL_CLI: optionalText,
    KEYWARDEN_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    KEYWARDEN_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    XDG_CACHE_HOME: optionalText,
    HOME: optionalText,
    PATH: optionalText,
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (set it, or set SLACK_APP_TOKEN to use Socket Mode)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
