import { parseCommand, tokenize } from '../../slack/keys/grammar';

describe('the /keys grammar', () => {
  test('splits words and keeps quoted values whole, with straight or curly quotes', () => {
    expect(tokenize('request vectra purpose="SIEM ingestion" note=“two words” x=\'a b\'')).toEqual([
      'request',
      'vectra',
      'purpose=SIEM ingestion',
      'note=two words',
      'x=a b',
    ]);
  });

  test('reports an unterminated quote', () => {
    expect(tokenize('request purpose="open')).toBe('a quote is not closed: add the closing "');
  });

  test('separates subcommand, positional words and options', () => {
    const parsed = parseCommand('REQUEST vectra role=readonly TTL=30d');
    expect(parsed).toEqual({
      ok: true,
      command: {
        subcommand: 'request',
        positional: ['vectra'],
        options: new Map([
          ['role', 'readonly'],
          ['ttl', '30d'],
        ]),
      },
    });
  });

  test('an empty command means help', () => {
    expect(parseCommand('   ')).toMatchObject({ ok: true, command: { subcommand: 'help' } });
  });

  test('rejects repeated and malformed keys', () => {
    expect(parseCommand('request a=1 a=2')).toEqual({ ok: false, error: '`a` is given twice' });
    expect(parseCommand('request =x')).toEqual({ ok: false, error: '`=x` is not a key=value pair' });
  });
});
