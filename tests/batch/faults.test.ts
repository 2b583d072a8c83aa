import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/runBatch.js';
import { CliError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

describe('a replicate that fails', () => {
  // A scenario whose period cannot be laid out makes runReplicate throw inside the worker.
  const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
  const broken = { ...loaded.scenario, name: 'broken', period: { start: '2014-06-01', end: 'not a date' } };
  for (const workers of [0, 1]) {
    it(`should be retried once, then reported with its replicate and seed (${workers} workers)`, async () => {
      const run = runBatch({
        scenarios: [{ label: 'broken', scenario: broken, network: 0, hash: 'x' }],
        networks: [loaded.compiled],
        replicates: [0, 1],
        seed: 11,
        streams: 'common',
        workers,
      });
      await expect(run).rejects.toBeInstanceOf(CliError);
      await expect(run).rejects.toThrow(/^replicate [01] of broken \(seed 11\) failed twice: /);
    });
  }

  it('should report a worker that runs out of memory with its replicate and seed', async () => {
    const big = loadScenario('scenarios/baseline.yaml');
    const run = runBatch({
      scenarios: [{ label: 'baseline', scenario: big.scenario, network: 0, hash: 'x' }],
      networks: [big.compiled],
      replicates: [0],
      seed: 3,
      streams: 'common',
      workers: 1,
      workerHeapMb: 1,
    });
    // With so small a heap the worker dies while starting, outside any replicate.
    await expect(run).rejects.toThrow(/^a worker ran out of memory \(heap limit 1 MB\) outside a replicate; lower demand\.per_year or run with --workers 1$/);
  });
});
