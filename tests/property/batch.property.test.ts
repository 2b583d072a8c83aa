import { describe, it } from 'vitest';
import fc from 'fast-check';
import type { BatchScenario } from '../../src/batch/runBatch.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { arbRun } from '../arbitraries/scenarios.js';
import { assertWorkerCountInvariant } from './contracts.js';

/**
 * What a variant changes: its behaviour alone (it shares its population with the base), or its
 * demand (it draws its own), as comparisons and sweeps make them.
 */
const arbVariant = fc.oneof(
  fc.record({ kind: fc.constant('behaviour' as const), logitScale: fc.double({ min: 0.2, max: 5, noNaN: true }), learning: fc.boolean() }),
  fc.record({ kind: fc.constant('demand' as const), perYear: fc.integer({ min: 50, max: 4000 }) }),
);
type Variant = typeof arbVariant extends fc.Arbitrary<infer V> ? V : never;

function variantOf(base: Scenario, v: Variant, k: number): Scenario {
  const name = `variant-${k}`;
  if (v.kind === 'demand') return { ...base, name, demand: { ...base.demand, perYear: v.perYear } };
  return { ...base, name, behaviour: { ...base.behaviour, logitScaleUsd: base.behaviour.logitScaleUsd * v.logitScale, learning: v.learning } };
}

describe('a batch on generated networks and scenarios', () => {
  // Each case starts two worker pools and runs about sixty small replicates, so there are few.
  it('should give the same bytes on 0, 1 and 2 workers and in shards, each replicate as it runs alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbRun({ maxPlaces: 10 }),
        fc.array(arbVariant, { minLength: 0, maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 9 }),
        fc.constantFrom('common' as const, 'independent' as const),
        async (run, variants, replicates, streams) => {
          const scenarios = [run.scenario, ...variants.map((v, k) => variantOf(run.scenario, v, k))];
          await assertWorkerCountInvariant({
            scenarios: scenarios.map((scenario): BatchScenario => ({ label: scenario.name, scenario, network: 0, hash: 'x' })),
            networks: [run.net],
            replicates,
            seed: run.seed,
            streams,
          });
        },
      ),
      { numRuns: 6 },
    );
  });
});
