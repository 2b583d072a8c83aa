import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runReplicate, streamKeys, type RunSpec } from '../../src/batch/runReplicate.js';
import { createEngine, type TraceEvent } from '../../src/engine/createEngine.js';
import { createPopulation } from '../../src/population/createPopulation.js';
import { clonePolicyState, constantTimeline } from '../../src/scenario/policyTimeline.js';
import { arbRun, type GeneratedRun } from '../arbitraries/scenarios.js';
import { assertConservesAgents, assertDeterministic } from './contracts.js';

const spec = (run: GeneratedRun, replicate = 0): RunSpec => ({ scenario: run.scenario, timeline: run.timeline, seed: run.seed, replicate });

function engineOf(run: GeneratedRun, trace: ((e: TraceEvent) => void) | null = null) {
  const s = spec(run);
  const keys = streamKeys(s);
  return createEngine(run.net, run.scenario, run.timeline, createPopulation(run.scenario, run.net, keys.population), keys, trace);
}

describe('the day loop on generated networks and scenarios', () => {
  it('should conserve agents at every step', () => {
    fc.assert(fc.property(arbRun(), (run) => assertConservesAgents(engineOf(run))), { numRuns: 60 });
  });

  it('should give identical results for the same seed and replicate', () => {
    fc.assert(fc.property(arbRun(), (run) => void assertDeterministic(spec(run), run.net)), { numRuns: 25 });
  });

  it('should count every event and every agent-km on a link', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const r = runReplicate(spec(run), run.net);
        const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
        expect(sum(r.links.apprehensions)).toBe(r.metrics.apprehensions);
        expect(sum(r.links.robberies)).toBe(r.metrics.robberies);
        expect(sum(r.links.injuries)).toBe(r.metrics.injuries);
        expect(sum(r.links.deaths)).toBe(r.metrics.died);
        // Agent-days on a link are its agent-km over the speed travelled: never negative, and
        // zero exactly where no one travelled.
        r.links.agent_km.forEach((km, l) => expect(km > 0).toBe(r.links.agent_days[l] > 0));
      }),
      { numRuns: 30 },
    );
  });

  it('should only use probabilities in [0, 1]', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const bad: string[] = [];
        const engine = engineOf(run, (e) => {
          if (e.kind === 'probability' && !(e.p >= 0 && e.p <= 1)) bad.push(`${e.what} = ${e.p}`);
        });
        while (engine.step());
        expect(bad).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('should move every agent along a walk in the graph, jumping only when deported', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const { net } = run;
        const keys = streamKeys(spec(run));
        const pop = createPopulation(run.scenario, net, keys.population);
        const at = Int32Array.from(pop.origin);
        const problems: string[] = [];
        const tail = (a: number) => (net.arcReverse[a] ? net.linkTo[net.arcLink[a]] : net.linkFrom[net.arcLink[a]]);
        const engine = createEngine(net, run.scenario, run.timeline, pop, keys, (e) => {
          if (e.kind === 'relocate') at[e.agent] = e.place;
          if (e.kind === 'enter') {
            if (tail(e.arc) !== at[e.agent]) problems.push(`agent ${e.agent} entered arc ${e.arc} from place ${tail(e.arc)} while at ${at[e.agent]}`);
            at[e.agent] = net.arcTarget[e.arc];
          }
        });
        while (engine.step());
        expect(problems.slice(0, 3)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('should hold a caught agent for exactly its detention, and release each day in agent order', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const detention = Math.max(1, Math.round(run.scenario.behaviour.detentionDays));
        const caughtOn = new Map<number, number>();
        const problems: string[] = [];
        let last = { day: -1, agent: -1 };
        const engine = engineOf(run, (e) => {
          if (e.kind === 'caught') caughtOn.set(e.agent, e.day);
          if (e.kind !== 'relocate') return;
          const held = e.day - (caughtOn.get(e.agent) ?? Number.NaN);
          if (held !== detention) problems.push(`agent ${e.agent} released on day ${e.day} after ${held} days, not ${detention}`);
          if (e.day === last.day && e.agent <= last.agent) problems.push(`day ${e.day}: agent ${e.agent} released after agent ${last.agent}`);
          last = { day: e.day, agent: e.agent };
          caughtOn.delete(e.agent);
        });
        while (engine.step());
        expect(problems.slice(0, 3)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('should send no agent over a closed link or direction', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const entered: string[] = [];
        const engine = engineOf(run, (e) => {
          if (e.kind === 'enter' && engine.policy().closedArcs[e.arc]) entered.push(`agent ${e.agent} day ${e.day} arc ${e.arc}`);
        });
        while (engine.step());
        expect(entered.slice(0, 3)).toEqual([]);
        // Links closed both ways for the whole period carry no flow at all.
        const result = runReplicate(spec(run), run.net);
        const closedAllPeriod = (l: number) => {
          for (let a = 0; a < run.net.arcCount; a++) if (run.net.arcLink[a] === l && !run.timeline.states.every((s) => s.closedArcs[a])) return false;
          return true;
        };
        run.net.linkKm.forEach((_, l) => {
          if (closedAllPeriod(l)) expect(result.links.flow[l]).toBe(0);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('should apprehend nobody without interception', () => {
    fc.assert(
      fc.property(arbRun(), (run) => {
        const states = run.timeline.states.map((s) => {
          const c = clonePolicyState(s);
          c.linkInterception.fill(0);
          c.placeInterception.fill(0);
          return c;
        });
        const result = runReplicate({ ...spec(run), timeline: { firstDays: run.timeline.firstDays, states } }, run.net);
        expect(result.metrics.apprehensions).toBe(0);
        expect(result.metrics.deportations).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  /*
   * Raising interception on one link never raises the number of agents who cross it, for the
   * same seed, with common random numbers. Exact in this setting: agents do not learn from
   * each other (their choices are independent), and the raised link is the only place with
   * enforcement or hazards. Then raising it adds the same believed cost to every route through
   * it and leaves the others alone; with Gumbel noise keyed by (agent, decision, candidate), an
   * agent never moves onto a route through the link, nor between such routes; it reaches the
   * link surely and crosses only if its draw beats the higher interception, which it also beat
   * in the baseline. With hazards or enforcement elsewhere, an agent pushed off one route may
   * survive another and reach the link later, so the claim holds only in expectation; the
   * tiny-graph tests check that with replicates. The test fails if choice noise is not common
   * across the two runs.
   */
  it('should never raise the number of agents crossing a link when its interception rises', () => {
    fc.assert(
      fc.property(arbRun({ learning: false }), fc.nat(), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (run, pick, base, raise) => {
        const link = pick % run.net.linkCount;
        const only = (q: number) => {
          const s = clonePolicyState(run.timeline.states[0]);
          s.linkInterception.fill(0);
          s.placeInterception.fill(0);
          s.robberyFactor.fill(0);
          s.injuryFactor.fill(0);
          s.deathFactor.fill(0);
          s.linkInterception[link] = q;
          return constantTimeline(s);
        };
        const crossers = (q: number) => {
          const agents = new Set<number>();
          const r = runReplicate({ ...spec(run), timeline: only(q) }, run.net, (e) => {
            if (e.kind === 'enter' && run.net.arcLink[e.arc] === link) agents.add(e.agent);
          });
          void r;
          return agents;
        };
        const before = crossers(base);
        const after = crossers(Math.min(1, base + raise));
        for (const agent of after) expect(before.has(agent), `agent ${agent} crosses only in the variant`).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
