import { formatDuration, parseDuration } from '../../workflows/duration';

test.each([
  ['90s', 90_000],
  ['45m', 2_700_000],
  ['12h', 43_200_000],
  ['30D', 2_592_000_000],
  ['2w', 1_209_600_000],
])('%s parses', (text, ms) => expect(parseDuration(text)).toBe(ms));

test.each(['', '0d', '-1d', '1.5d', '30', 'd', '30 days', '1y'])('%j is refused', (text) => {
  expect(parseDuration(text)).toBeUndefined();
});

test('formats with the largest exact unit', () => {
  expect(formatDuration(2_592_000_000)).toBe('30 days');
  expect(formatDuration(604_800_000)).toBe('1 week');
  expect(formatDuration(90_000)).toBe('90 seconds');
});
