import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { median, medianInterval } from '../../bench/medianInterval.js';
import { configureFastCheck } from '../property/fcConfig.js';

beforeAll(configureFastCheck);

describe('medianInterval', () => {
  it('should take the middle value, or the mean of the middle two, as the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianInterval([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('should give the order statistics of the binomial table', () => {
    // n = 6: only [min, max], coverage 1 - 2/64. n = 12: [x(3), x(10)], 1 - 2 * 79/4096.
    expect(medianInterval([6, 1, 5, 2, 4, 3])).toEqual({ median: 3.5, interval: [1, 6], coverage: 1 - 2 / 64 });
    const twelve = medianInterval([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(twelve.median).toBe(6.5);
    expect(twelve.interval).toEqual([3, 10]);
    expect(twelve.coverage).toBeCloseTo(1 - (2 * 79) / 4096, 12);
  });

  it('should give no interval when no pair of order statistics reaches the level', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).toEqual({ median: 3, interval: null, coverage: null });
    expect(medianInterval([1, 2, 3, 4, 5], 0.9).interval).toEqual([1, 5]);
    expect(() => medianInterval([])).toThrow(/at least one value/);
    expect(() => median([])).toThrow(/at least one value/);
  });

  it('should bracket the median with two of the values, at no less than the level', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 6, maxLength: 60 }), fc.constantFrom(0.8, 0.9, 0.95, 0.99), (xs, level) => {
        const r = medianInterval(xs, level);
        if (r.interval === null) return level === 0.99 && xs.length < 8;
        const [low, high] = r.interval;
        expect(xs).toContain(low);
        expect(xs).toContain(high);
        expect(low).toBeLessThanOrEqual(r.median);
        expect(high).toBeGreaterThanOrEqual(r.median);
        expect(r.coverage!).toBeGreaterThanOrEqual(level);
        expect(r.coverage!).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('should cover the true median as often as it says, on skewed samples', () => {
    // 4,000 samples of 12 from a lognormal (median 1, long right tail, like a busy host's wall
    // times): the interval's stated coverage is 0.961; the binomial SE of 4,000 trials is 0.003.
    const rng = seedrandom.alea('medianInterval coverage');
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 12 }, () => Math.exp(Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())));
      const [low, high] = medianInterval(xs).interval!;
      if (low <= 1 && 1 <= high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.961 - 4 * 0.003);
    expect(covered / trials).toBeLessThan(0.961 + 4 * 0.003);
  });
});
