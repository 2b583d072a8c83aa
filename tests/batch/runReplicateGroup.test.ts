import { describe, expect, it } from 'vitest';
import { checkpointLine, groupJobs, MAX_GROUP, type JobTraits } from '../../src/batch/runBatch.js';
import { runReplicate, type RunSpec } from '../../src/batch/runReplicate.js';
import { planForks, runReplicateGroup } from '../../src/batch/runReplicateGroup.js';
import { constantTimeline, neutralPolicyState, type PolicyTimeline } from '../../src/scenario/policyTimeline.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import type { Scenario } from '../../src/scenario/scenario.js';

describe('runReplicateGroup', () => {
  const { scenario, compiled } = loadScenario('scenarios/fixtures/tiny.yaml');
  // Variants as a comparison or a sweep makes them: policies and behaviour change the run, not
  // the population; demand and the population section change the population too.
  const noPolicies: Scenario = { ...scenario, name: 'no-policies', policies: [] };
  const cautious: Scenario = { ...scenario, name: 'cautious', behaviour: { ...scenario.behaviour, logitScaleUsd: scenario.behaviour.logitScaleUsd / 3 } };
  const busier: Scenario = { ...scenario, name: 'busier', demand: { ...scenario.demand, perYear: 9000 } };
  const poorer: Scenario = { ...scenario, name: 'poorer', population: { ...scenario.population, smugglerAccess: 0.05 } };
  const spec = (s: Scenario, replicate: number, streams: RunSpec['streams'] = 'common'): RunSpec => ({ scenario: s, seed: 3, replicate, streams });
  const bytes = (spec: RunSpec, r: Parameters<typeof checkpointLine>[1]) => checkpointLine(spec.scenario.name, r);

  it('should give every task the result it gives alone, drawing a population once per signature', () => {
    // Arrange: replicate 0 of three variants that share a population, two that do not, and
    // replicate 1, in an order that interleaves them.
    const specs = [spec(scenario, 0), spec(busier, 0), spec(noPolicies, 0), spec(scenario, 1), spec(cautious, 0), spec(poorer, 0), spec(scenario, 0, 'independent')];
    // Act
    const run = runReplicateGroup(
      specs.map((s) => ({ spec: s, network: 0 })),
      [compiled],
    );
    // Assert: tiny, no-policies and cautious at replicate 0 share one; every other task has its own.
    expect(run.populationsDrawn).toBe(5);
    run.outcomes.forEach((outcome, k) => {
      if (!('result' in outcome)) expect.fail(`task ${k} failed: ${outcome.error.message}`);
      expect(bytes(specs[k], outcome.result), specs[k].scenario.name).toBe(bytes(specs[k], runReplicate(specs[k], compiled)));
    });
    // The shared population really is shared work, not a copy of one result: the variants differ.
    const [tiny0, , none0] = run.outcomes.map((o) => ('result' in o ? JSON.stringify(o.result.metrics) : ''));
    expect(none0).not.toBe(tiny0);
  });

  it('should run the days before two variants differ once, and give each the result it gives alone', () => {
    // Arrange: the fixture without one policy each; its troops start on day 39, its sea closure
    // on day 49, its mobile checkpoints on day 14. A behaviour variant shares the population
    // but not a single day.
    const without = (id: string): Scenario => ({ ...scenario, name: `without-${id}`, policies: scenario.policies.map((p) => (p.id === id ? { ...p, enabled: false } : p)) });
    const specs = [scenario, without('troops'), without('sea-closure'), without('mobile-checkpoints'), cautious].map((s) => spec(s, 2));
    // Act
    const run = runReplicateGroup(
      specs.map((s) => ({ spec: s, network: 0 })),
      [compiled],
    );
    // Assert: the best plan runs tiny, then without the sea closure (49 days from tiny), without
    // troops (39 from it) and without mobile checkpoints (14): 102 days not run again.
    expect(run.populationsDrawn).toBe(1);
    expect(run.forked).toBe(3);
    expect(run.daysSkipped).toBe(102);
    run.outcomes.forEach((outcome, k) => {
      if (!('result' in outcome)) expect.fail(`task ${k} failed: ${outcome.error.message}`);
      expect(bytes(specs[k], outcome.result), specs[k].scenario.name).toBe(bytes(specs[k], runReplicate(specs[k], compiled)));
    });
  });

  it('should give a task that throws its error, with its code, and run the others', () => {
    const broken: Scenario = { ...scenario, name: 'broken', period: { start: '2014-06-01', end: 'not a date' } };
    const run = runReplicateGroup(
      [spec(broken, 0), spec(scenario, 0)].map((s) => ({ spec: s, network: 0 })),
      [compiled],
    );
    expect(run.outcomes[0]).toMatchObject({ error: { message: expect.stringMatching(/not a date|period/) } });
    expect(run.outcomes[1]).toHaveProperty('result');
  });
});

describe('planForks', () => {
  const { scenario, compiled } = loadScenario('scenarios/fixtures/tiny.yaml');
  // Timelines that agree until day `d`, then each goes its own way.
  const neutral = neutralPolicyState(compiled);
  const fromDay = (d: number): PolicyTimeline => {
    const other = neutralPolicyState(compiled);
    other.linkInterception.fill(d / 100);
    return d === 0 ? constantTimeline(other) : { firstDays: [0, d], states: [neutral, other] };
  };

  it('should fork each point of a sweep of start dates from the one before', () => {
    const days = [10, 20, 30, 40];
    const { order, forks } = planForks(
      days.map(() => scenario),
      days.map(fromDay),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(forks).toEqual([[{ child: 1, day: 10 }], [{ child: 2, day: 20 }], [{ child: 3, day: 30 }], []]);
  });

  it('should hold one fork at a time, and fork nothing across behaviour or a task without a timeline', () => {
    // Three variants of one trunk: forks from the trunk to two of them would be held together.
    const trunk = constantTimeline(neutral);
    const { order, forks } = planForks([scenario, scenario, scenario], [trunk, fromDay(20), fromDay(40)]);
    const held = order.map(() => 0);
    order.forEach((t, m) => forks[t].forEach((f) => order.slice(m, order.indexOf(f.child)).forEach((_, k) => held[m + k]++)));
    expect(Math.max(...held)).toBe(1);
    expect(forks.flat().reduce((s, f) => s + f.day, 0)).toBe(60); // 20 from either to the other, 40 between trunk and the later one
    const other: Scenario = { ...scenario, behaviour: { ...scenario.behaviour, learning: !scenario.behaviour.learning } };
    expect(planForks([scenario, other], [trunk, fromDay(20)]).forks.flat()).toEqual([]);
    expect(planForks([scenario, scenario], [trunk, null]).forks.flat()).toEqual([]);
  });

  it("should keep the tasks' own order beyond eight tasks", () => {
    const days = [50, 10, 20, 30, 40, 15, 25, 35, 45];
    const { order } = planForks(
      days.map(() => scenario),
      days.map(fromDay),
    );
    expect(order).toEqual(days.map((_, k) => k));
  });
});

describe('groupJobs', () => {
  const jobs = (scenarios: number, replicates: number) => Array.from({ length: scenarios * replicates }, (_, k) => ({ s: k % scenarios, replicate: Math.floor(k / scenarios) }));
  // Every variant draws the same population unless a test says otherwise.
  const shared = (): JobTraits => ({ family: 'one', cost: 1 });
  const lengths = (groups: unknown[][]) => groups.map((g) => g.length);

  it('should keep every job once, and put only jobs of one replicate and family in a group, in job order', () => {
    const families = [shared, (j: { s: number }) => ({ family: String(j.s % 3), cost: 1 + (j.s % 2) }), (j: { s: number }) => ({ family: String(j.s), cost: 1 })];
    for (const [scenarios, replicates, workers] of [[1, 8, 2], [2, 20, 2], [3, 2, 1], [50, 3, 2], [320, 4, 2], [2, 20, 0], [5, 40, 8], [7, 5, 3]]) {
      for (const traitsOf of families) {
        const all = jobs(scenarios, replicates);
        const groups = groupJobs(all, workers, traitsOf);
        expect(groups.flat().sort((a, b) => all.indexOf(a) - all.indexOf(b))).toEqual(all);
        expect(new Set(groups.flat()).size).toBe(all.length);
        for (const g of groups) {
          expect(new Set(g.map((j) => j.replicate)).size).toBe(1);
          expect(new Set(g.map((j) => traitsOf(j).family)).size).toBe(1);
          expect(g.length).toBeLessThanOrEqual(MAX_GROUP);
          expect(g.map((j) => all.indexOf(j))).toEqual(g.map((j) => all.indexOf(j)).sort((a, b) => a - b));
        }
      }
    }
  });

  it("should group a replicate's variants as long as no worker is left idle for it", () => {
    expect(lengths(groupJobs(jobs(2, 20), 2, shared))).toEqual(new Array(20).fill(2));
    expect(lengths(groupJobs(jobs(1, 8), 2, shared))).toEqual(new Array(8).fill(1));
    // Two variants of four replicates on two workers: two groups each (3.8 against 4 jobs each).
    expect(lengths(groupJobs(jobs(2, 4), 2, shared))).toEqual([2, 2, 2, 2]);
    // Of one replicate, side by side; of three, three groups would leave a worker idle for one.
    expect(lengths(groupJobs(jobs(2, 1), 2, shared))).toEqual([1, 1]);
    expect(lengths(groupJobs(jobs(2, 3), 2, shared))).toEqual([1, 1, 1, 1, 1, 1]);
    // A sweep of four points over two replicates: a replicate's four points to each worker.
    expect(lengths(groupJobs(jobs(4, 2), 2, shared))).toEqual([4, 4]);
    // 50 points of 3 replicates: groups of 8 as far as they go.
    expect(Math.max(...lengths(groupJobs(jobs(50, 3), 2, shared)))).toBe(8);
    // One worker, or none (the batch in this thread): every replicate's variants together.
    expect(lengths(groupJobs(jobs(3, 2), 1, shared))).toEqual([3, 3]);
    expect(lengths(groupJobs(jobs(3, 2), 0, shared))).toEqual([3, 3]);
  });

  it('should group by population, never jobs that share nothing', () => {
    // Variants alternating between two populations (say two demand levels): each with its own.
    const alternating = groupJobs(jobs(4, 2), 1, (j) => ({ family: String(j.s % 2), cost: 1 }));
    expect(alternating.map((g) => g.map((j) => j.s))).toEqual([[0, 2], [1, 3], [0, 2], [1, 3]]);
    expect(lengths(groupJobs(jobs(4, 2), 1, (j) => ({ family: String(j.s), cost: 1 })))).toEqual(new Array(8).fill(1));
  });

  it('should weigh what each job costs', () => {
    // A long scenario beside short ones that share its population only among themselves: the
    // long one's replicates alone keep a worker busy, so the short ones group on the other.
    const traitsOf = (j: { s: number }): JobTraits => (j.s === 0 ? { family: 'long', cost: 7 } : { family: 'short', cost: 1 });
    const groups = groupJobs(jobs(3, 2), 2, traitsOf);
    expect(groups.map((g) => g.map((j) => j.s))).toEqual([[0], [1, 2], [0], [1, 2]]);
  });
});
