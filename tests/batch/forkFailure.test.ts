import { describe, expect, it, vi } from 'vitest';

// Every engine's fork fails, as it would with no memory left for the copy.
let forksTried = 0;
vi.mock('../../src/engine/createEngine.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/engine/createEngine.js')>();
  return {
    ...original,
    // Assigned onto the engine, not spread into a copy: a copy would freeze its `day` getter.
    createEngine: (...args: Parameters<typeof original.createEngine>) =>
      Object.assign(original.createEngine(...args), {
        fork: () => {
          forksTried++;
          throw new RangeError('Array buffer allocation failed');
        },
      }),
  };
});

const { checkpointLine } = await import('../../src/batch/runBatch.js');
const { runReplicate } = await import('../../src/batch/runReplicate.js');
const { runReplicateGroup } = await import('../../src/batch/runReplicateGroup.js');
const { loadScenario } = await import('../../src/scenario/loadScenario.js');

describe('runReplicateGroup when a fork cannot be made', () => {
  it('should run the variant from day 0 and leave the task it was to fork from unharmed', () => {
    const { scenario, compiled } = loadScenario('scenarios/fixtures/tiny.yaml');
    const withoutTroops = { ...scenario, name: 'without-troops', policies: scenario.policies.map((p) => (p.id === 'troops' ? { ...p, enabled: false } : p)) };
    const specs = [scenario, withoutTroops].map((s) => ({ scenario: s, seed: 3, replicate: 0 }));
    const run = runReplicateGroup(
      specs.map((spec) => ({ spec, network: 0 })),
      [compiled],
    );
    // The fork was tried (the task reached its day) and failed.
    expect(forksTried).toBe(1);
    expect(run.forked).toBe(0);
    run.outcomes.forEach((outcome, k) => {
      if (!('result' in outcome)) expect.fail(`task ${k} failed: ${outcome.error.message}`);
      expect(checkpointLine(specs[k].scenario.name, outcome.result)).toBe(checkpointLine(specs[k].scenario.name, runReplicate(specs[k], compiled)));
    });
  });
});
