import { describe, expect, it } from 'vitest';
import { checkpointLine, groupJobs, MAX_GROUP } from '../../src/batch/runBatch.js';
import { runReplicate, type RunSpec } from '../../src/batch/runReplicate.js';
import { runReplicateGroup } from '../../src/batch/runReplicateGroup.js';
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

describe('groupJobs', () => {
  const jobs = (scenarios: number, replicates: number) => Array.from({ length: scenarios * replicates }, (_, k) => ({ s: k % scenarios, replicate: Math.floor(k / scenarios) }));

  it('should keep every job once, in order, and never put two replicates in one group', () => {
    for (const [scenarios, replicates, workers] of [[1, 8, 2], [2, 20, 2], [3, 2, 1], [50, 3, 2], [320, 4, 2], [2, 20, 0], [5, 40, 8]]) {
      const all = jobs(scenarios, replicates);
      const groups = groupJobs(all, workers);
      expect(groups.flat()).toEqual(all);
      for (const g of groups) {
        expect(new Set(g.map((j) => j.replicate)).size).toBe(1);
        expect(g.length).toBeLessThanOrEqual(MAX_GROUP);
      }
    }
  });

  it('should group the variants of a replicate, leaving each worker at least four tasks', () => {
    expect(groupJobs(jobs(2, 20), 2).map((g) => g.length)).toEqual(new Array(20).fill(2));
    expect(groupJobs(jobs(1, 8), 2).every((g) => g.length === 1)).toBe(true);
    // 50 variants of 3 replicates on 2 workers: 150 jobs in groups of 8 or fewer, 21 tasks.
    const sweep = groupJobs(jobs(50, 3), 2);
    expect(sweep.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...sweep.map((g) => g.length))).toBe(8);
    // Two variants of two replicates on two workers: too few jobs to group.
    expect(groupJobs(jobs(2, 2), 2).every((g) => g.length === 1)).toBe(true);
  });
});
