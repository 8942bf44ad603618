import { quoteTyped } from '../../slack/views/format';

describe('quoting what a user typed back to them', () => {
  test('mentions, broadcasts and links stay text', () => {
    expect(quoteTyped('<!channel>')).toBe('`&lt;!channel&gt;`');
    expect(quoteTyped('<@U012ABCDEF>')).toBe('`&lt;@U012ABCDEF&gt;`');
    expect(quoteTyped('<https://evil.example|click me>')).toBe('`&lt;https://evil.example|click me&gt;`');
    expect(quoteTyped('a&b')).toBe('`a&amp;b`');
  });

  test('backticks cannot end the code span and control characters cannot break the line', () => {
    expect(quoteTyped('x` *bold* `y')).toBe("`x' *bold* 'y`");
    expect(quoteTyped('one\ntwo\u0000\u0007three')).toBe('`one two three`');
  });

  test('long values are cut short, and a missing value is shown as empty', () => {
    const quoted = quoteTyped('v'.repeat(500));
    expect(quoted.length).toBeLessThan(70);
    expect(quoted.endsWith('…`')).toBe(true);
    expect(quoteTyped(undefined)).toBe('``');
  });
});
