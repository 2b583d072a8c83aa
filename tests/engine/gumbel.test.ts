import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniformFrom } from '../../src/core/rng.js';
import { gumbel, gumbelUpperBound } from '../../src/engine/gumbel.js';

/** Route choice skips a candidate's logarithms on the strength of this bound, so it must hold for every draw. */
describe('gumbelUpperBound', () => {
  it('should be at least the computed Gumbel noise for every draw the engine can make', () => {
    // The engine's draws: (integer + 0.5) / 2^32, from the keyed hash.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (m) => {
        const u = (m + 0.5) / 2 ** 32;
        expect(gumbelUpperBound(u)).toBeGreaterThanOrEqual(gumbel(u));
      }),
      { numRuns: 20_000 },
    );
    for (let p = 0; p < 200_000; p++) {
      const u = uniformFrom(p * 7919, p);
      if (!(gumbelUpperBound(u) >= gumbel(u))) throw new Error(`bound below the noise at u = ${u}`);
    }
  });

  it('should hold at the edges of its buckets and of (0, 1)', () => {
    for (let k = 1; k < 1024; k++) {
      const edge = k / 1024;
      for (const u of [edge, edge - 2 ** -33, edge + 2 ** -33]) expect(gumbelUpperBound(u), String(u)).toBeGreaterThanOrEqual(gumbel(u));
    }
    expect(gumbelUpperBound(0.5 / 2 ** 32)).toBeGreaterThanOrEqual(gumbel(0.5 / 2 ** 32));
    expect(gumbelUpperBound(1 - 0.5 / 2 ** 32)).toBe(Infinity);
  });

  it('should be tight enough to skip work: within 0.05 of the noise for u in [0.05, 0.98]', () => {
    for (let m = 5_000; m < 98_000; m++) {
      const u = (m + 0.5) / 100_000;
      expect(gumbelUpperBound(u) - gumbel(u)).toBeLessThan(0.05);
    }
  });
});
