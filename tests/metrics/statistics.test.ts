import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addValue, emptyMoments, mergeMoments, studentT975, summarize, summarizeValues } from '../../src/metrics/statistics.js';

describe('statistics', () => {
  it('should give the 0.975 quantiles of Student t from the tables', () => {
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [5, 2.571], [10, 2.228], [29, 2.045], [120, 1.98]];
    for (const [df, q] of table) expect(studentT975(df)).toBeCloseTo(q, 3);
  });

  it('should merge shard summaries into the summary of all values (Chan)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }), fc.nat(), (xs, cut) => {
        const k = cut % xs.length;
        const part = (ys: number[]) => ys.reduce(addValue, emptyMoments());
        const merged = summarize(mergeMoments(part(xs.slice(0, k)), part(xs.slice(k))));
        const whole = summarizeValues(xs);
        expect(merged.n).toBe(whole.n);
        expect(merged.mean).toBeCloseTo(whole.mean, 4);
        expect(merged.sd).toBeCloseTo(whole.sd, 2);
      }),
    );
  });

  it('should compute mean, sd and a t interval', () => {
    const s = summarizeValues([1, 2, 3, 4, 5]);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95[0]).toBeCloseTo(3 - 2.7764451 * Math.sqrt(2.5 / 5), 6);
  });
});
