import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { runReplicate } from '../../src/batch/runReplicate.js';
import { daysBetween } from '../../src/core/dates.js';
import { compileTimeline } from '../../src/scenario/compileTimeline.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/loadScenario.js';
import { stateIndexAt, type PolicyState, type PolicyTimeline } from '../../src/scenario/policyTimeline.js';
import { resolveExtends } from '../../src/scenario/resolveExtends.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { arbPolicy } from '../arbitraries/policies.js';

const TINY = 'scenarios/fixtures/tiny.yaml';
const tiny = loadScenario(TINY);
const net = tiny.compiled;
const ids = { places: [...net.meta.placeIds], links: [...net.meta.linkIds], countries: [...net.meta.countries], states: net.meta.states.filter((s) => s !== '') };
const dir = mkdtempSync(join(tmpdir(), 'corredor-prop-'));
let counter = 0;

/** Writes a variant of the tiny scenario (file spelling) and loads it like a user's file. */
function variant(edit: (raw: Record<string, unknown>) => void): LoadedScenario {
  const raw = structuredClone(resolveExtends(TINY).merged);
  raw.network = join(process.cwd(), 'scenarios/fixtures/tiny-network.geojson');
  edit(raw);
  const file = join(dir, `v${counter++}.yaml`);
  writeFileSync(file, stringify(raw));
  return loadScenario(file);
}

const metricsOf = (s: Scenario, replicate = 0) => JSON.stringify(runReplicate({ scenario: s, seed: 7, replicate }, net).metrics);
const days = daysBetween(tiny.scenario.period.start, tiny.scenario.period.end) + 1;
const timelineOf = (s: Scenario, replicate = 0) => compileTimeline(s.policies, net, s.period.start, days, `7:${replicate}`);
const stateOn = (t: PolicyTimeline, day: number): PolicyState => t.states[stateIndexAt(t, day)];
const sameState = (a: PolicyState, b: PolicyState) => Object.keys(a).every((k) => Buffer.from((a as never as Record<string, ArrayBufferView>)[k].buffer).equals(Buffer.from((b as never as Record<string, ArrayBufferView>)[k].buffer)));
const policy = arbPolicy(ids, tiny.scenario.period);

describe('scenario policies', () => {
  it('should give the no-policy result when every policy is disabled', () => {
    const none = variant((raw) => (raw.policies = []));
    const allOff = loadScenario(TINY, { disable: tiny.scenario.policies.map((p) => p.id) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), (replicate) => {
        expect(metricsOf(allOff.scenario, replicate)).toBe(metricsOf(none.scenario, replicate));
      }),
      { numRuns: 8 },
    );
  });

  it('should change nothing when a disabled policy is added', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const withIt = variant((raw) => (raw.policies as unknown[]).push({ ...p, enabled: false }));
        expect(metricsOf(withIt.scenario)).toBe(metricsOf(tiny.scenario));
      }),
      { numRuns: 15 },
    );
  });

  it('should change nothing on the days outside a policy\'s window', () => {
    fc.assert(
      fc.property(policy, fc.integer({ min: 0, max: 20 }), (p, replicate) => {
        const withIt = variant((raw) => (raw.policies as unknown[]).push(p));
        const a = timelineOf(tiny.scenario, replicate);
        const b = timelineOf(withIt.scenario, replicate);
        const from = daysBetween(tiny.scenario.period.start, p.from as string);
        const to = daysBetween(tiny.scenario.period.start, p.to as string);
        for (let d = 0; d < days; d++) {
          if (d >= from && d <= to) continue;
          expect(sameState(stateOn(b, d), stateOn(a, d)), `day ${d}`).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should change nothing at all when its window lies outside the period', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const later = variant((raw) => (raw.policies as unknown[]).push({ ...p, from: '2016-01-01', to: '2016-02-01' }));
        expect(metricsOf(later.scenario)).toBe(metricsOf(tiny.scenario));
      }),
      { numRuns: 10 },
    );
  });

  it('should give identical results for --set and for the same edit in the file', () => {
    const edits = fc.oneof(
      fc.record({ path: fc.constant('behaviour.detention_days'), value: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ path: fc.constant('behaviour.retry_probability'), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ path: fc.constant('demand.per_year'), value: fc.integer({ min: 100, max: 9000 }) }),
      fc.record({ path: fc.constant('population.smuggler_access'), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ path: fc.constant('policies.troops.troops'), value: fc.integer({ min: 0, max: 5000 }) }),
      fc.record({ path: fc.constant('policies.isthmus-line.interception'), value: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ path: fc.constant('speeds_km_per_day.trail'), value: fc.integer({ min: 5, max: 60 }) }),
    );
    fc.assert(
      fc.property(edits, ({ path, value }) => {
        const viaSet = loadScenario(TINY, { set: [`${path}=${JSON.stringify(value)}`] });
        const viaFile = variant((raw) => {
          const parts = path.split('.');
          let target = raw as Record<string, unknown>;
          if (parts[0] === 'policies') {
            target = (raw.policies as Record<string, unknown>[]).find((q) => q.id === parts[1])!;
            parts.splice(0, 2);
          }
          for (const k of parts.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
          target[parts[parts.length - 1]] = value;
        });
        expect(viaSet.scenario).toEqual(viaFile.scenario);
        expect(metricsOf(viaSet.scenario)).toBe(metricsOf(viaFile.scenario));
      }),
      { numRuns: 15 },
    );
  });
});
