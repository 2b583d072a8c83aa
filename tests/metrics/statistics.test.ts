import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addValue, emptyMoments, mergeMoments, studentT975, summarize, summarizeValues } from '../../src/metrics/statistics.js';
import { summarizeReplicates } from '../../src/metrics/summarizeReplicates.js';
import { LINK_SERIES, type ReplicateResult } from '../../src/metrics/replicateResult.js';

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

  it("should cut a metric's interval to the values it can take, and leave differences whole", () => {
    // A rare death in one of four replicates: the t-interval of the mean reaches below 0.
    const result = (replicate: number, died: number, share: number): ReplicateResult => ({
      replicate,
      metrics: { deaths_per_1000: died, remote_share: share },
      links: Object.fromEntries(LINK_SERIES.map((s) => [s, new Float64Array([died])])),
    } as unknown as ReplicateResult);
    const results = [result(0, 0, 1), result(1, 0, 1), result(2, 0, 1), result(3, 2, 0.9)];
    const unbounded = summarizeValues([0, 0, 0, 2]);
    expect(unbounded.ci95[0]).toBeLessThan(0);
    const { metrics, links } = summarizeReplicates(results);
    expect(metrics.deaths_per_1000.ci95).toEqual([0, unbounded.ci95[1]]);
    expect(metrics.deaths_per_1000.mean).toBe(unbounded.mean);
    expect(metrics.deaths_per_1000.sd).toBe(unbounded.sd);
    expect(links.deaths[0].ci95).toEqual([0, unbounded.ci95[1]]);
    // A share near 1 is cut at 1 as well.
    expect(summarizeValues([1, 1, 1, 0.9]).ci95[1]).toBeGreaterThan(1);
    expect(metrics.remote_share.ci95[1]).toBe(1);
    expect(summarize(addValue(addValue(emptyMoments(), -1), 1), [0, Infinity]).ci95[0]).toBe(0);
  });
});
