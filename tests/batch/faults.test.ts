import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReplicateLine, runBatch, runWithRetry } from '../../src/batch/runBatch.js';
import { CliError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import type { ReplicatePool } from '../../src/batch/replicatePool.js';
import { batchBytes } from '../property/contracts.js';

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

  it('should retry only the variant that threw when it ran in a group with others', async () => {
    // Two variants of eight replicates on one worker: each replicate's pair is one task, as
    // the broken one draws the same population (a policy of no known type, which throws when
    // its timeline is compiled).
    const sameCrowd = { ...loaded.scenario, name: 'broken', policies: loaded.scenario.policies.map((p, k) => (k === 0 ? { ...p, type: 'no-such-type' } : p)) } as typeof loaded.scenario;
    const retried: string[] = [];
    const run = runBatch({
      scenarios: [
        { label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' },
        { label: 'broken', scenario: sameCrowd, network: 0, hash: 'y' },
      ],
      networks: [loaded.compiled],
      replicates: [0, 1, 2, 3, 4, 5, 6, 7],
      seed: 11,
      streams: 'common',
      workers: 1,
      onRetry: (label) => retried.push(label),
    });
    await expect(run).rejects.toThrow(/^replicate \d of broken \(seed 11\) failed twice: /);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((label) => label === 'broken')).toBe(true);
  });

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


describe('a worker killed mid-batch', () => {
  it('should rerun the replicate it was running and give the result of an undisturbed batch', async () => {
    const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
    const input = {
      scenarios: [{ label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' }],
      networks: [loaded.compiled],
      replicates: [0, 1, 2, 3, 4, 5, 6, 7],
      seed: 5,
      streams: 'common' as const,
      workers: 2,
    };
    const undisturbed = await runBatch(input);
    let pool: ReplicatePool | undefined;
    const retries: { replicate: number; message: string }[] = [];
    let killed: Promise<number> | undefined;
    const disturbed = await runBatch({
      ...input,
      onPool: (p) => (pool = p),
      // After the first replicate finishes, both workers hold a task (piscina hands the next one
      // out before our callback runs), so the killed thread dies with a replicate in flight.
      onProgress: (done) => {
        if (done === 1 && !killed) killed = pool!.threads[0].terminate();
      },
      onRetry: (_label, replicate, error) => retries.push({ replicate, message: (error as Error).message }),
    });
    expect(await killed).toBe(1);
    expect(retries).toHaveLength(1);
    expect(retries[0].message).toMatch(/worker exited/);
    expect(batchBytes(disturbed) === batchBytes(undisturbed)).toBe(true);
  });
});

describe('a group of variants on a worker', () => {
  // Two variants that draw one population but do not fork (their behaviour differs), so each
  // replicate's pair is one task of two full runs on one worker.
  const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
  const other = { ...loaded.scenario, name: 'other', behaviour: { ...loaded.scenario.behaviour, logitScaleUsd: 2 * loaded.scenario.behaviour.logitScaleUsd } };
  const input = {
    scenarios: [
      { label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' },
      { label: 'other', scenario: other, network: 0, hash: 'y' },
    ],
    networks: [loaded.compiled],
    seed: 5,
    streams: 'common' as const,
    workers: 1,
  };

  for (const workers of [0, 1]) {
    it(`should save each replicate as it ends, so that a stop loses only the one under way (${workers} workers)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'corredor-group-stop-'));
      const file = join(dir, 'checkpoint.jsonl');
      const stop = new AbortController();
      const run = runBatch({ ...input, workers, replicates: [0], checkpoint: { file, resume: false }, signal: stop.signal, onProgress: (done) => done === 1 && stop.abort() });
      await expect(run).rejects.toMatchObject({ done: 1, total: 2 });
      expect(readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')).toHaveLength(2); // the header and one replicate
    });
  }

  for (const workers of [0, 1]) {
    it(`should stop with the error of a checkpoint that cannot be written as a replicate ends within its group (${workers} workers)`, async () => {
      // Three variants of one replicate in one group: once the first is saved, the checkpoint
      // becomes a folder, so saving the second, while the third still runs, fails.
      const dir = mkdtempSync(join(tmpdir(), 'corredor-group-write-'));
      const file = join(dir, 'checkpoint.jsonl');
      const third = { ...loaded.scenario, name: 'third', behaviour: { ...loaded.scenario.behaviour, logitScaleUsd: 3 * loaded.scenario.behaviour.logitScaleUsd } };
      const run = runBatch({
        ...input,
        workers,
        scenarios: [...input.scenarios, { label: 'third', scenario: third, network: 0, hash: 'z' }],
        replicates: [0],
        checkpoint: { file, resume: false },
        onProgress: (done) => {
          if (done === 1) {
            rmSync(file);
            mkdirSync(file);
          }
        },
      });
      await expect(run).rejects.toThrow(/checkpoint\.jsonl: cannot write this file \(EISDIR: illegal operation on a directory\); choose another output path/);
    });
  }

  it("should rerun only the replicates a killed worker had not finished, and give an undisturbed batch's result", async () => {
    const replicates = [0, 1];
    const undisturbed = await runBatch({ ...input, replicates });
    let pool: ReplicatePool | undefined;
    const retries: number[] = [];
    let killed: Promise<number> | undefined;
    const disturbed = await runBatch({
      ...input,
      replicates,
      onPool: (p) => (pool = p),
      // The first replicate of the first group is done; its pair is under way.
      onProgress: (done) => {
        if (done === 1 && !killed) killed = pool!.threads[0].terminate();
      },
      onRetry: (_label, replicate) => retries.push(replicate),
    });
    expect(await killed).toBe(1);
    expect(retries).toEqual([0]);
    expect(batchBytes(disturbed) === batchBytes(undisturbed)).toBe(true);
  });
});

describe('a batch on the main thread', () => {
  it('should see a stop while a replicate runs, not only when it ends', async () => {
    // The stop comes three turns of the event loop after the first replicate ends: the next
    // turn ends its task, the one after starts the second replicate, which runs a month at a
    // time between turns (the fixture's period is two months), so the stop finds it midway and
    // only the first is saved. Run whole, the second would be saved too.
    const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
    const stop = new AbortController();
    const run = runBatch({
      scenarios: [{ label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' }],
      networks: [loaded.compiled],
      replicates: [0, 1],
      seed: 5,
      streams: 'common',
      workers: 0,
      signal: stop.signal,
      onProgress: (done) => done === 1 && setImmediate(() => setImmediate(() => setImmediate(() => stop.abort()))),
    });
    await expect(run).rejects.toMatchObject({ done: 1, total: 2 });
  });
});

describe('a checkpoint cut short by a kill mid-write', () => {
  it('should resume, and end the cut line so that the replicates appended after it stay readable', async () => {
    const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'corredor-cut-'));
    const file = join(dir, 'checkpoint.jsonl');
    const input = {
      scenarios: [{ label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' }],
      networks: [loaded.compiled],
      replicates: [0, 1, 2, 3, 4, 5],
      seed: 5,
      streams: 'common' as const,
      workers: 0,
    };
    const undisturbed = await runBatch({ ...input, checkpoint: { file, resume: false } });
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0], lines[1], lines[2], lines[3].slice(0, lines[3].length >> 1)].join('\n'));
    const resumed = await runBatch({ ...input, checkpoint: { file, resume: true } });
    expect(batchBytes(resumed) === batchBytes(undisturbed)).toBe(true);
    const saved = readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l !== '').flatMap((l) => {
      try {
        return [parseReplicateLine(l).result.replicate];
      } catch {
        return [];
      }
    });
    expect(saved.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('a worker that runs out of memory inside a replicate', () => {
  // The agents live in typed arrays outside the JavaScript heap, so a real replicate cannot be
  // made to exhaust a worker's heap on demand (docs/RELIABILITY.md); piscina's rejection is
  // reproduced instead: an error with code ERR_WORKER_OUT_OF_MEMORY, on both attempts.
  it('should be retried once, then named with its replicate and seed', async () => {
    const loaded = loadScenario('scenarios/fixtures/tiny.yaml');
    let attempts = 0;
    const retried: number[] = [];
    const oom = async () => {
      attempts++;
      throw Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    };
    const run = runWithRetry(oom, { scenario: loaded.scenario, seed: 9, replicate: 4, streams: 'common' }, { label: 'tiny', scenario: loaded.scenario, network: 0, hash: 'x' }, new AbortController().signal, 512, (_l, r) => retried.push(r));
    await expect(run).rejects.toThrow(/^replicate 4 of tiny \(seed 9\) ran out of memory in its worker \(heap limit 512 MB\), twice; lower demand\.per_year/);
    expect(attempts).toBe(2);
    expect(retried).toEqual([4]);
  });
});
