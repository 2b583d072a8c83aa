import { describe, it } from 'vitest';
import fc from 'fast-check';
import type { BatchScenario } from '../../src/batch/runBatch.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import type { PolicySpec } from '../../src/scenario/policies/policyType.js';
import type { CompiledNetwork } from '../../src/network/compiledNetwork.js';
import { addDays } from '../../src/core/dates.js';
import { arbRun } from '../arbitraries/scenarios.js';
import { assertWorkerCountInvariant } from './contracts.js';

/**
 * What a variant changes: its behaviour alone (it shares its population with the base), its
 * demand (it draws its own), or its policies from some day on (it shares the days before with
 * the base, and goes on from a fork of its run), as comparisons and sweeps make them.
 */
const arbPolicyVariant = fc.record({
  kind: fc.constant('policy' as const),
  fromDay: fc.integer({ min: 0, max: 40 }),
  // Above 0, so that the policy changes the state in force and the fork is a real one.
  interception: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
  closes: fc.boolean(),
  link: fc.nat(),
});
const arbVariant = fc.oneof(
  fc.record({ kind: fc.constant('behaviour' as const), logitScale: fc.double({ min: 0.2, max: 5, noNaN: true }), learning: fc.boolean() }),
  fc.record({ kind: fc.constant('demand' as const), perYear: fc.integer({ min: 50, max: 4000 }) }),
  arbPolicyVariant,
);
type Variant = typeof arbVariant extends fc.Arbitrary<infer V> ? V : never;

function variantOf(base: Scenario, net: CompiledNetwork, v: Variant, k: number): Scenario {
  const name = `variant-${k}`;
  if (v.kind === 'demand') return { ...base, name, demand: { ...base.demand, perYear: v.perYear } };
  if (v.kind === 'policy') {
    const from = addDays(base.period.start, v.fromDay);
    const links = net.meta.linkIds;
    const policy: PolicySpec = v.closes
      ? { id: 'closure', type: 'closure', enabled: true, from, to: base.period.end, links: [links[v.link % links.length]] }
      : { id: 'checkpoints', type: 'checkpoint', enabled: true, from, to: base.period.end, links, interception: v.interception };
    return { ...base, name, policies: [...base.policies, policy] };
  }
  return { ...base, name, behaviour: { ...base.behaviour, logitScaleUsd: base.behaviour.logitScaleUsd * v.logitScale, learning: v.learning } };
}

describe('a batch on generated networks and scenarios', () => {
  // Each case starts two worker pools and runs about sixty small replicates, so there are few.
  it('should give the same bytes on 0, 1 and 2 workers and in shards, each replicate as it runs alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbRun({ maxPlaces: 10 }),
        // One variant at least changes policies from some day, and there are replicates enough
        // for a batch to group variants (groupJobs), so that forks are made in most cases.
        fc.tuple(arbPolicyVariant, fc.array(arbVariant, { minLength: 0, maxLength: 2 })).map(([first, rest]) => [first, ...rest]),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 9 }),
        fc.constantFrom('common' as const, 'independent' as const),
        async (run, variants, replicates, streams) => {
          const scenarios = [run.scenario, ...variants.map((v, k) => variantOf(run.scenario, run.net, v, k))];
          await assertWorkerCountInvariant({
            scenarios: scenarios.map((scenario): BatchScenario => ({ label: scenario.name, scenario, network: 0, hash: 'x' })),
            networks: [run.net],
            replicates,
            seed: run.seed,
            streams,
          });
        },
      ),
      { numRuns: 10 },
    );
  });
});
