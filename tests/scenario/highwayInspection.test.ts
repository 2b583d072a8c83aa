import { describe, expect, it } from 'vitest';
import { compileTimeline } from '../../src/scenario/compileTimeline.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

/** The highway inspections of the baseline: main roads in Mexico, nothing else. */
describe('highway_inspection', () => {
  it('should add interception on Mexican main roads only, not on trails, rail, boats or Guatemalan roads', () => {
    const on = loadScenario('scenarios/baseline.yaml', { set: ['policies.highway-inspections-pre-2014.interception=0.05'] });
    const off = loadScenario('scenarios/baseline.yaml', { set: ['policies.highway-inspections-pre-2014.enabled=false'] });
    const net = on.compiled;
    const first = (l: typeof on) => compileTimeline(l.scenario.policies, l.compiled, l.scenario.period.start, 1, 'highway-inspection-test').states[0];
    const a = first(on);
    const b = first(off);
    const mex = net.meta.countries.indexOf('MEX');
    let roads = 0;
    for (let l = 0; l < net.linkCount; l++) {
      const mexican = net.placeCountry[net.linkFrom[l]] === mex && net.placeCountry[net.linkTo[l]] === mex;
      const mainRoad = net.meta.linkIds[l].endsWith('--road') && !net.linkRemote[l] && mexican;
      const expected = mainRoad ? 1 - (1 - b.linkInterception[l]) * 0.95 : b.linkInterception[l];
      expect(a.linkInterception[l], net.meta.linkIds[l]).toBeCloseTo(expected, 12);
      if (mainRoad) roads++;
    }
    expect(roads).toBeGreaterThan(40);
    expect(Array.from(a.placeInterception)).toEqual(Array.from(b.placeInterception));
    expect(a.linkInterception[net.meta.linkIds.indexOf('guatemala_city--la_mesilla--road')]).toBe(0);
  });
});
