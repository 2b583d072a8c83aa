import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkpointLine } from '../../src/batch/runBatch.js';
import { replicateResult, runReplicate, streamKeys, timelineOf, type RunSpec } from '../../src/batch/runReplicate.js';
import { createEngine, type Engine } from '../../src/engine/createEngine.js';
import { createPopulation } from '../../src/population/createPopulation.js';
import { firstDifferentDay, type PolicyTimeline } from '../../src/scenario/policyTimeline.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import type { CompiledNetwork } from '../../src/network/compiledNetwork.js';
import { arbPolicyState, arbRun } from '../arbitraries/scenarios.js';

/** The run of `spec` under `timeline`, from day 0, until `day` (or the end). */
function engineUntil(spec: RunSpec, net: CompiledNetwork, timeline: PolicyTimeline, day: number): Engine {
  const keys = streamKeys(spec);
  const engine = createEngine(net, spec.scenario, timeline, createPopulation(spec.scenario, net, keys.population), keys);
  while (engine.day < day && engine.step());
  return engine;
}

function finish(engine: Engine, spec: RunSpec, net: CompiledNetwork): string {
  while (engine.step());
  return checkpointLine(spec.scenario.name, replicateResult(spec.replicate, engine.tally, net));
}

const alone = (spec: RunSpec, net: CompiledNetwork) => checkpointLine(spec.scenario.name, runReplicate(spec, net));

describe('Engine.fork', () => {
  const { scenario, compiled: net } = loadScenario('scenarios/fixtures/tiny.yaml');
  const without = (id: string): Scenario => ({ ...scenario, name: `without-${id}`, policies: scenario.policies.map((p) => (p.id === id ? { ...p, enabled: false } : p)) });
  // Policies of the fixture that start after its first day: troops and a closure (which changes
  // the candidate routes) late, mobile checkpoints and train raids early.
  const variants = ['troops', 'sea-closure', 'river-bases', 'mobile-checkpoints', 'train-raids'].map(without);
  const days = 61;

  it('should go on as the variant run from day 0 would, byte for byte, from any day before the policies differ', () => {
    for (const replicate of [0, 3]) {
      const base: RunSpec = { scenario, seed: 7, replicate };
      const baseTimeline = timelineOf(base, net);
      for (const variant of variants) {
        const spec: RunSpec = { ...base, scenario: variant };
        const timeline = timelineOf(spec, net);
        const differ = firstDifferentDay(baseTimeline, timeline, days);
        expect(differ, variant.name).toBeGreaterThan(0);
        expect(differ, variant.name).toBeLessThan(days);
        const expected = alone(spec, net);
        for (const day of [0, Math.floor(differ / 2), differ]) {
          const fork = engineUntil(base, net, baseTimeline, day).fork(variant, timeline);
          expect(fork.day).toBe(day);
          expect(finish(fork, spec, net), `${variant.name} forked on day ${day}, replicate ${replicate}`).toBe(expected);
        }
      }
    }
  });

  it('should leave the run it was forked from as it was, whichever of the two finishes first', () => {
    const base: RunSpec = { scenario, seed: 7, replicate: 1 };
    const spec: RunSpec = { ...base, scenario: without('sea-closure') };
    const timeline = timelineOf(spec, net);
    const day = firstDifferentDay(timelineOf(base, net), timeline, days);
    for (const childFirst of [false, true]) {
      const parent = engineUntil(base, net, timelineOf(base, net), day);
      const child = parent.fork(spec.scenario, timeline);
      const results = childFirst ? { child: finish(child, spec, net), parent: finish(parent, base, net) } : { parent: finish(parent, base, net), child: finish(child, spec, net) };
      expect(results.child).toBe(alone(spec, net));
      expect(results.parent).toBe(alone(base, net));
    }
  });

  it('should refuse a fork after the day the policies differ, or as a scenario that behaves otherwise', () => {
    const base: RunSpec = { scenario, seed: 7, replicate: 0 };
    const variant = without('troops');
    const timeline = timelineOf({ ...base, scenario: variant }, net);
    const differ = firstDifferentDay(timelineOf(base, net), timeline, days);
    const engine = engineUntil(base, net, timelineOf(base, net), differ + 1);
    expect(() => engine.fork(variant, timeline)).toThrow(new RegExp(`their policies differ on day ${differ}`));
    const slower: Scenario = { ...scenario, name: 'slower', behaviour: { ...scenario.behaviour, logitScaleUsd: 1 } };
    expect(() => engineUntil(base, net, timelineOf(base, net), 1).fork(slower, timelineOf(base, net))).toThrow(/behaviour, period or speeds differ/);
  });

  it('should give the variant run from day 0 on generated networks, scenarios and timelines', () => {
    fc.assert(
      fc.property(
        arbRun().chain((run) => fc.record({ run: fc.constant(run), other: arbPolicyState(run.net), from: fc.integer({ min: 1, max: 59 }), replicate: fc.nat(20) })),
        ({ run, other, from, replicate }) => {
          // The variant: the run's timeline until `from`, then another state.
          const firstDays = [...run.timeline.firstDays.filter((d) => d < from), from];
          const states = [...run.timeline.states.slice(0, firstDays.length - 1), other];
          const variant: PolicyTimeline = { firstDays, states };
          const base: RunSpec = { scenario: run.scenario, timeline: run.timeline, seed: run.seed, replicate };
          const spec: RunSpec = { ...base, scenario: { ...run.scenario, name: 'variant' }, timeline: variant };
          const day = firstDifferentDay(run.timeline, variant, 60);
          expect(day).toBeLessThanOrEqual(from);
          const fork = engineUntil(base, run.net, run.timeline, day).fork(spec.scenario, variant);
          expect(finish(fork, spec, run.net)).toBe(alone(spec, run.net));
        },
      ),
      { numRuns: 40 },
    );
  });
});
