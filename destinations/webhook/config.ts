/**
 * A webhook destination in `keywarden.yaml`: the consumer's HTTPS endpoint and the environment variable holding
 * the secret both sides sign with. Plain `http://` is refused, except to a loopback address when
 * `allow_insecure_loopback` is set (tests and the sandbox).
 */
import { z } from 'zod';
import type { DestinationBase, ReadSecret } from '../define';

export const webhookFileSchema = z
  .object({
    type: z.literal('webhook'),
    url: z.url('must be an absolute URL such as https://siem.example.com/keywarden'),
    signing_secret_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name'),
    /** Tests and sandboxes only: lets `url` be `http://127.0.0.1:<port>/…`. */
    allow_insecure_loopback: z.boolean().default(false),
  })
  .strict();

export interface WebhookConnection extends DestinationBase {
  type: 'webhook';
  url: string;
  signingSecret: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The problem with a URL a key may be sent to, or undefined when it is fine. */
export function urlProblem(url: string, allowInsecureLoopback: boolean): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && allowInsecureLoopback && LOOPBACK.has(parsed.hostname)) return undefined;
  return 'url: keys are only sent over https:// (http:// only to a loopback address with allow_insecure_loopback)';
}

export function resolveWebhook(entry: z.output<typeof webhookFileSchema>, readSecret: ReadSecret) {
  const problems: string[] = [];
  const urlIssue = urlProblem(entry.url, entry.allow_insecure_loopback);
  if (urlIssue) problems.push(urlIssue);
  const signingSecret = readSecret(entry.signing_secret_env);
  if (!signingSecret) problems.push(`signing_secret_env: ${entry.signing_secret_env} is not set`);
  else if (signingSecret.length < 16)
    problems.push(`signing_secret_env: ${entry.signing_secret_env} is shorter than 16 characters`);
  if (problems.length > 0 || !signingSecret) return problems;
  const connection: WebhookConnection = {
    type: 'webhook',
    describe: `webhook ${entry.url}`,
    url: entry.url,
    signingSecret,
  };
  return connection;
}
