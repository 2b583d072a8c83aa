import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { agentPart, createStream, drawPrefix, eventPart, prefixOf, uniformAt, uniformFrom } from '../../src/core/rng.js';
import { costForTraveller, costWeights, emptyCost, storeTotals, TOTALS, weightedCostAt } from '../../src/engine/routeCost.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

/**
 * The day loop takes two shortcuts for speed: a draw's shared prefix is hashed once, and a
 * route's cost is a dot product with per-traveller weights. Both must give the very numbers
 * of the plain forms, or paired comparisons and `explain` would drift from the engine.
 */
describe('the day loop shortcuts', () => {
  const u32 = fc.integer({ min: 0, max: 0xffffffff });

  it('should give the numbers it always gave: a change here would change every published result', () => {
    // The draws every shipped result was made with, frozen.
    expect(uniformAt(0, 0, 0, 0)).toBe(0.5294452690286562);
    expect(uniformAt(123456789, 17, 3, 4)).toBe(0.23418166663032025);
    expect(uniformAt(0xffffffff, 450673, 2, 1)).toBe(0.30120690481271595);
  });

  it("should give seedrandom's Alea numbers, key for key, from a sequential stream", () => {
    // createStream steps Alea itself after seedrandom seeds it (see AleaStream); every
    // population and every random policy placement is drawn from it.
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 300 }), (key, count) => {
        const ours = createStream(key);
        const theirs = seedrandom.alea(key);
        for (let k = 0; k < count; k++) expect(ours.double()).toBe(theirs.double());
      }),
    );
    const long = createStream('2019:7:population');
    const reference = seedrandom.alea('2019:7:population');
    for (let k = 0; k < 100_000; k++) expect(long.double()).toBe(reference.double());
  });

  it('should fill a block with the very numbers drawn one by one, and go on from there', () => {
    // The population takes each agent's uniforms as one block (Stream.fill); mixing blocks of
    // any size with single draws must leave the sequence as seedrandom gives it.
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), (key, blocks) => {
        const ours = createStream(key);
        const theirs = seedrandom.alea(key);
        const out = new Float64Array(40);
        for (const n of blocks) {
          out.fill(-1);
          ours.fill(out, n);
          for (let k = 0; k < n; k++) expect(out[k]).toBe(theirs.double());
          expect(out[n] ?? -1).toBe(-1);
          expect(ours.double()).toBe(theirs.double());
        }
      }),
    );
  });

  it('should give exactly uniformAt when a draw is finished from its prefix or from its halves', () => {
    fc.assert(
      fc.property(u32, fc.nat(), fc.nat(), fc.nat({ max: 1 << 20 }), (key, a, b, c) => {
        expect(uniformFrom(drawPrefix(key, a, b), c)).toBe(uniformAt(key, a, b, c));
        expect(uniformFrom(prefixOf(key, agentPart(a), eventPart(b)), c)).toBe(uniformAt(key, a, b, c));
      }),
    );
  });

  it('should give exactly the cost costForTraveller gives, for any traveller and route', () => {
    const behaviour = loadScenario('scenarios/baseline.yaml').scenario.behaviour;
    const p = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.nat({ max: 5 }),
        fc.record({ moneyUsd: fc.double({ min: 0, max: 1e4, noNaN: true }), days: fc.double({ min: 0, max: 200, noNaN: true }), robbery: p, injury: p, death: p, interception: p }),
        fc.record({ budgetUsd: fc.double({ min: 0, max: 2e4, noNaN: true }), riskAversion: fc.double({ min: 0, max: 5, noNaN: true }), valueOfTimeUsdPerDay: fc.double({ min: 0, max: 100, noNaN: true }) }),
        (slot, totals, who) => {
          const w = costWeights(who, behaviour, new Float64Array(6));
          // Stored at some slot of a flat array, as route choice keeps its candidates' totals.
          const flat = new Float64Array(TOTALS * 6).fill(Number.NaN);
          storeTotals(totals, flat, TOTALS * slot);
          expect(weightedCostAt(w, flat, TOTALS * slot)).toBe(costForTraveller(totals, who, behaviour, emptyCost()).totalUsd);
        },
      ),
    );
  });
});
