/**
 * The secret-hygiene check every vendor story ends with: no plaintext secret in any raw workflow history (read
 * without the codec), in any log line, or in any Slack call someone other than its owner could see.
 */
import { PUBLIC_METHODS } from './fake-slack';
import { rawHistoryText } from './history';
import type { Stack } from './stack';

export async function expectNoSecretLeaks(stack: Stack, requestId: string, secrets: readonly string[]): Promise<void> {
  const histories = await Promise.all(
    [`request-${requestId}`, `credential-${requestId}`].map((id) => rawHistoryText(stack.temporal, id)),
  );
  const logs = stack.logs.join('\n');
  const publicCalls = stack.slack.calls.filter((c) => PUBLIC_METHODS.has(c.method)).map((c) => JSON.stringify(c.args));
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    for (const history of histories) expect(history).not.toContain(secret);
    expect(logs).not.toContain(secret);
    for (const call of publicCalls) expect(call).not.toContain(secret);
  }
}
