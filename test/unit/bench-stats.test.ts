/** The benchmark's arithmetic (bench/stats.ts): percentiles, ratios against the floor, verdicts and the table. */
import { busiestWindow, judge, markdownTable, percentile, summarize, type Figure } from '../../bench/stats';

test('percentiles are nearest-rank', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
  expect(percentile(samples, 50)).toBe(50);
  expect(percentile(samples, 99)).toBe(99);
  expect(percentile(samples, 100)).toBe(100);
  expect(percentile([7], 99)).toBe(7);
  expect(percentile([], 50)).toBeNaN();
  expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p99: 3, max: 3 });
});

test('a ratio target compares Keywarden with its floor; an absolute one the value itself', () => {
  const p1: Figure = {
    phase: 'P1',
    name: 'ack p99',
    unit: 'ms',
    value: 110,
    floor: 100,
    target: { kind: 'ratio', max: 1.1 },
  };
  expect(judge(p1)).toEqual({ ratio: 1.1, met: true });
  expect(judge({ ...p1, value: 111 }).met).toBe(false);
  const rss: Figure = {
    phase: 'P3',
    name: 'rss',
    unit: 'MB',
    value: 301,
    floor: 200,
    target: { kind: 'atMost', max: 300 },
  };
  expect(judge(rss)).toEqual({ ratio: 1.505, met: false });
  expect(judge({ ...rss, value: 300 }).met).toBe(true);
  // No floor (or a zero one): no ratio, and a ratio target cannot be called met.
  expect(judge({ ...p1, floor: 0 })).toEqual({ met: false });
  expect(judge({ phase: 'P4', name: 'over', unit: 'calls', value: 0, target: { kind: 'atMost', max: 0 } })).toEqual({
    met: true,
  });
});

test('the table shows each figure beside its floor, with ratio, target and verdict', () => {
  const table = markdownTable([
    {
      phase: 'P1',
      name: 'help ack p99',
      unit: 'ms',
      value: 12.345,
      floor: 10,
      floorName: 'bare Bolt',
      target: { kind: 'ratio', max: 1.1 },
    },
    {
      phase: 'P3',
      name: 'worker RSS',
      unit: 'MB',
      value: 250,
      floor: 200,
      floorName: 'idle worker',
      target: { kind: 'atMost', max: 300 },
    },
  ]);
  const lines = table.split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[2]).toBe('| P1 | help ack p99 | 12.3 ms | 10.0 ms (bare Bolt) | 1.23× | ≤ 1.1× | **missed** |');
  expect(lines[3]).toBe('| P3 | worker RSS | 250 MB | 200 MB (idle worker) | 1.25× | ≤ 300 MB | met |');
});

test('the busiest window counts events within any span of that length', () => {
  expect(busiestWindow([0, 100, 999, 1000, 1500, 1998], 1000)).toBe(4);
  expect(busiestWindow([], 1000)).toBe(0);
});
