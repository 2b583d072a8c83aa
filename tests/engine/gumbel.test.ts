import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniformFrom } from '../../src/core/rng.js';
import { createChoice, gumbel, gumbelLowerBound, gumbelUpperBound, offerCandidate, startChoice } from '../../src/engine/gumbel.js';

/**
 * Route choice settles comparisons on the strength of these bounds, so each must hold for every
 * draw: the upper bound at least the computed noise, the lower bound at most.
 */
describe.each([
  { name: 'gumbelUpperBound', bound: gumbelUpperBound, holds: (b: number, g: number) => b >= g },
  { name: 'gumbelLowerBound', bound: gumbelLowerBound, holds: (b: number, g: number) => b <= g },
])('$name', ({ bound, holds }) => {
  it('should hold for every draw the engine can make', () => {
    // The engine's draws: (integer + 0.5) / 2^32, from the keyed hash.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (m) => {
        const u = (m + 0.5) / 2 ** 32;
        expect(holds(bound(u), gumbel(u)), String(u)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (let p = 0; p < 200_000; p++) {
      const u = uniformFrom(p * 7919, p);
      if (!holds(bound(u), gumbel(u))) throw new Error(`bound on the wrong side of the noise at u = ${u}`);
    }
  });

  it('should hold at the edges of its buckets and of (0, 1)', () => {
    for (let k = 1; k < 1024; k++) {
      const edge = k / 1024;
      for (const u of [edge, edge - 2 ** -33, edge + 2 ** -33]) expect(holds(bound(u), gumbel(u)), String(u)).toBe(true);
    }
    for (const u of [0.5 / 2 ** 32, 1 - 0.5 / 2 ** 32]) expect(holds(bound(u), gumbel(u)), String(u)).toBe(true);
  });
});

describe('the bounds at the ends of (0, 1), and their width', () => {
  it('should be infinite in the outermost buckets, where the noise is unbounded', () => {
    expect(gumbelUpperBound(1 - 0.5 / 2 ** 32)).toBe(Infinity);
    expect(gumbelLowerBound(0.5 / 2 ** 32)).toBe(-Infinity);
  });

  it('should be tight enough to skip work: the upper bound within 0.05 of the noise for u in [0.05, 0.98]', () => {
    for (let m = 5_000; m < 98_000; m++) {
      const u = (m + 0.5) / 100_000;
      expect(gumbelUpperBound(u) - gumbel(u)).toBeLessThan(0.05);
    }
  });
});

/**
 * The choice made through bounds must be the one made by computing every utility: the
 * candidate of largest v + gumbel(u), the first of them on a tie, none while all are -Infinity
 * or NaN.
 */
describe('offerCandidate', () => {
  function exactChoice(vs: readonly number[], us: readonly number[]): number {
    let best = -1;
    let bestUtility = -Infinity;
    for (let j = 0; j < vs.length; j++) {
      const utility = vs[j] + gumbel(us[j]);
      if (utility > bestUtility) {
        bestUtility = utility;
        best = j;
      }
    }
    return best;
  }

  function boundedChoice(vs: readonly number[], us: readonly number[]): number {
    const choice = createChoice();
    startChoice(choice);
    let best = -1;
    for (let j = 0; j < vs.length; j++) if (offerCandidate(choice, vs[j], us[j])) best = j;
    return best;
  }

  // The engine's draws, often from the extreme buckets, where a bound is infinite.
  const draw = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    fc.integer({ min: 0, max: 2 ** 22 }),
    fc.integer({ min: 2 ** 32 - 2 ** 22, max: 2 ** 32 - 1 }),
  ).map((m) => (m + 0.5) / 2 ** 32);
  // Utilities close together, so that many comparisons fall inside the bounds' gaps.
  const utility = fc.oneof(fc.double({ min: -30, max: 5, noNaN: true }), fc.integer({ min: -3, max: 0 }).map((n) => n / 1000), fc.constantFrom(-Infinity, NaN));

  it('should choose what comparing the computed utilities chooses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(utility, draw), { maxLength: 12 }), (candidates) => {
        const vs = candidates.map((c) => c[0]);
        const us = candidates.map((c) => c[1]);
        expect(boundedChoice(vs, us)).toBe(exactChoice(vs, us));
      }),
      { numRuns: 20_000 },
    );
  });

  it('should keep the first of equal utilities, and choose none of -Infinity or NaN', () => {
    const u = (123_456_789 + 0.5) / 2 ** 32;
    expect(boundedChoice([-1, -1, -1], [u, u, u])).toBe(0);
    expect(boundedChoice([-2, -1, -1], [u, u, u])).toBe(1);
    expect(boundedChoice([-Infinity, NaN], [u, u])).toBe(-1);
    // Two utilities the bounds cannot tell apart: the same bucket, v apart by less than its width.
    const u2 = (123_456_999 + 0.5) / 2 ** 32;
    const vs = [0, gumbel(u) - gumbel(u2)];
    expect(boundedChoice(vs, [u, u2])).toBe(exactChoice(vs, [u, u2]));
  });
});
