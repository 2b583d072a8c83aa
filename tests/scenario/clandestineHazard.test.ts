import { describe, expect, it } from 'vitest';
import { compileTimeline } from '../../src/scenario/compileTimeline.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import { enforcementIndex, enforcementResponse } from '../../src/scenario/policies/enforcementIndex.js';
import type { PolicyState } from '../../src/scenario/policyTimeline.js';

/** The baseline's clandestine hazards: remote legs only, the listed hazards only, by the enforcement index. */
describe('clandestine_hazard', () => {
  const day0 = (set: string[], file = 'scenarios/baseline.yaml'): { state: PolicyState; loaded: ReturnType<typeof loadScenario> } => {
    const loaded = loadScenario(file, { set });
    const state = compileTimeline(loaded.scenario.policies, loaded.compiled, loaded.scenario.period.start, 60, 'clandestine-hazard-test').states.at(-1)!;
    return { state, loaded };
  };

  it('should multiply the listed hazards of remote links by the enforcement response, and nothing else', () => {
    // The program's enforcement against a reference below it: the response is above 1.
    const on = day0(['policies.clandestine-hazards.elasticity=1.5', 'policies.clandestine-hazards.hazards=[injury, death]'], 'scenarios/frontera-sur-2014.yaml');
    const off = day0(['policies.clandestine-hazards.elasticity=0'], 'scenarios/frontera-sur-2014.yaml');
    const net = on.loaded.compiled;
    const e = enforcementIndex(off.state, net);
    const reference = on.loaded.scenario.policies.find((p) => p.id === 'clandestine-hazards')!.reference_interception as number;
    const m = enforcementResponse(e, reference, 1.5);
    expect(e).toBeGreaterThan(reference);
    expect(m).toBeGreaterThan(1.2);
    let remote = 0;
    for (let l = 0; l < net.linkCount; l++) {
      const f = net.linkRemote[l] ? m : 1;
      if (net.linkRemote[l]) remote++;
      expect(on.state.deathFactor[l], net.meta.linkIds[l]).toBeCloseTo(off.state.deathFactor[l] * f, 12);
      expect(on.state.injuryFactor[l], net.meta.linkIds[l]).toBeCloseTo(off.state.injuryFactor[l] * f, 12);
      expect(on.state.robberyFactor[l]).toBe(off.state.robberyFactor[l]);
      expect(on.state.linkInterception[l]).toBe(off.state.linkInterception[l]);
    }
    expect(remote).toBeGreaterThan(10);
  });

  it('should leave hazards as the network has them at the reference enforcement', () => {
    const { state, loaded } = day0(['policies.clandestine-hazards.elasticity=3', 'policies.clandestine-hazards.hazards=[robbery, injury, death]']);
    const e = enforcementIndex(state, loaded.compiled);
    const { state: atRef } = day0(['policies.clandestine-hazards.elasticity=3', `policies.clandestine-hazards.reference_interception=${e}`]);
    for (let l = 0; l < loaded.compiled.linkCount; l++) {
      expect(atRef.deathFactor[l]).toBeCloseTo(1, 12);
      expect(atRef.robberyFactor[l]).toBeCloseTo(1, 12);
    }
  });

  it('should multiply by ((E + 0.01) / (reference + 0.01)) ^ elasticity', () => {
    expect(enforcementResponse(0.09, 0.04, 2)).toBeCloseTo(4, 12);
    expect(enforcementResponse(0.3, 0.1, 0)).toBe(1);
  });
});
