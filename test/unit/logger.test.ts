import { Writable } from 'node:stream';
import { createLogger } from '../../server/logger';
import { SecretText } from '../../secrets/secret-text';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return {
    lines,
    stream: new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }),
  };
}

test('credential-looking fields, authorization headers and wrapped secrets are redacted', () => {
  const { lines, stream } = capture();
  const logger = createLogger('info', stream);
  logger.info(
    {
      token: 'xoxb-plain-token',
      req: { headers: { authorization: 'Bearer abc.def.ghi' } },
      vendor: { netosecret: 'bmV0b3NlY3JldA==', appkey: 'appkey-123', sharedsecret: 'shh', jwt: 'e30.e30.sig' },
      config: { botToken: 'xoxb-2', signingSecret: 'sig-secret' },
      pasted: new SecretText('pasted-api-key'),
    },
    'redaction check',
  );
  const line = lines.join('');
  for (const plaintext of [
    'xoxb-plain-token',
    'abc.def.ghi',
    'bmV0b3NlY3JldA==',
    'appkey-123',
    'shh',
    'e30.e30.sig',
    'xoxb-2',
    'sig-secret',
    'pasted-api-key',
  ]) {
    expect(line).not.toContain(plaintext);
  }
  expect(line).toContain('[redacted]');
  expect(line).toContain('redaction check');
});
