import { describe, expect, it } from 'vitest';
import { createBeliefs } from '../../src/engine/beliefs.js';
import { DEFAULT_BEHAVIOUR } from '../../src/scenario/defaults.js';
import { neutralPolicyState } from '../../src/scenario/policyTimeline.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

/**
 * A run of a tenth of the demand with `observation_weight: 10` must move beliefs exactly as a
 * run where ten times as many people report the same events: that is what makes a reduced
 * calibration stand for the full-demand scenarios.
 */
describe('beliefs', () => {
  it('should count each report observation_weight times', () => {
    const net = loadScenario('scenarios/baseline.yaml').compiled;
    const start = neutralPolicyState(net);
    const full = createBeliefs(net, start, { ...DEFAULT_BEHAVIOUR, observationWeight: 1 });
    const sample = createBeliefs(net, start, { ...DEFAULT_BEHAVIOUR, observationWeight: 10 });
    const unweighted = createBeliefs(net, start, { ...DEFAULT_BEHAVIOUR, observationWeight: 1 });
    for (let day = 0; day < 40; day++) {
      for (let a = 0; a < net.arcCount; a += 7) {
        const traversals = (a + day) % 5;
        const caught = (a + day) % 3 === 0 ? 1 : 0;
        full.seen.arcTraversals[a] += 10 * traversals;
        full.seen.arcCaught[a] += 10 * caught;
        for (const b of [sample, unweighted]) {
          b.seen.arcTraversals[a] += traversals;
          b.seen.arcCaught[a] += caught;
        }
      }
      for (const b of [full, sample, unweighted]) b.endOfDay(day);
    }
    expect(Array.from(sample.public.interception)).toEqual(Array.from(full.public.interception));
    expect(Array.from(sample.current.interception)).toEqual(Array.from(full.current.interception));
    expect(sample.version).toBe(full.version);
    // Unweighted, the sample's beliefs move less: the test can tell the two apart.
    expect(Array.from(unweighted.public.interception)).not.toEqual(Array.from(full.public.interception));
  });
});
