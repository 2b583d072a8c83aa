import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The batch commands end to end, as separate processes, the way users and clusters run them. */
const BIN = 'dist/src/cli/main.js';
const TINY = 'scenarios/fixtures/tiny.yaml';

function corredor(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `corredor-${name}-`));
const metricsOf = (dir: string) => JSON.stringify(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).metrics);
const sameFiles = (a: string, b: string) => {
  expect(metricsOf(b)).toBe(metricsOf(a));
  for (const f of ['replicates.csv', 'links.csv', 'replicates.jsonl']) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
};

describe('corredor run', () => {
  it('should give byte-identical results on 1 and 2 workers', () => {
    const one = tmp('w1');
    const two = tmp('w2');
    expect(corredor(['run', TINY, '--runs', '6', '--workers', '1', '--out', one]).code).toBe(0);
    expect(corredor(['run', TINY, '--runs', '6', '--workers', '2', '--out', two]).code).toBe(0);
    sameFiles(one, two);
    const summary = JSON.parse(readFileSync(join(one, 'summary.json'), 'utf8'));
    expect(summary.metrics.remote_share).toMatchObject({ n: 6 });
    expect(summary.metrics.remote_share.ci95).toHaveLength(2);
    expect(summary.manifest).toMatchObject({ seed: 7, runs: 6, workers: 1, streams: 'common', node: process.version });
    expect(summary.manifest.scenarios[0].hash).toMatch(/^[0-9a-f]{64}$/);
    // The process's CPU time over the batch: some, and no more than every core's whole span.
    expect(summary.manifest.cpuSeconds).toBeGreaterThan(0);
    expect(summary.manifest.cpuSeconds).toBeLessThanOrEqual(summary.manifest.wallSeconds * availableParallelism() + 0.05);
  });

  it('should merge shards 0/3, 1/3 and 2/3, run as separate processes, into the unsharded result', () => {
    const whole = tmp('whole');
    expect(corredor(['run', TINY, '--runs', '7', '--out', whole]).code).toBe(0);
    const shards = [0, 1, 2].map((k) => {
      const dir = tmp(`shard${k}`);
      const r = corredor(['run', TINY, '--runs', '7', '--shard', `${k}/3`, '--workers', '1', '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      return dir;
    });
    const merged = tmp('merged');
    const r = corredor(['merge', ...shards.reverse(), '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    sameFiles(whole, merged);
    // The merged manifest's CPU time is the shards' together.
    const cpuOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).manifest.cpuSeconds;
    expect(cpuOf(merged)).toBeCloseTo(shards.reduce((t, dir) => t + cpuOf(dir), 0), 3);
    // A shard written before CPU time was recorded leaves the merged CPU time unknown, not short.
    const summary = join(shards[0], 'summary.json');
    const old = JSON.parse(readFileSync(summary, 'utf8'));
    delete old.manifest.cpuSeconds;
    writeFileSync(summary, JSON.stringify(old));
    const remerged = tmp('remerged');
    expect(corredor(['merge', ...shards, '--out', remerged]).code).toBe(0);
    expect(cpuOf(remerged)).toBeNull();
  });

  it('should refuse to merge incomplete or foreign shards', () => {
    const a = tmp('a');
    corredor(['run', TINY, '--runs', '4', '--shard', '0/2', '--workers', '0', '--out', a]);
    const r = corredor(['merge', a, '--out', tmp('m')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/replicates 1, 3 of 4 are in none of the folders/);
    const b = tmp('b');
    corredor(['run', TINY, '--runs', '4', '--shard', '1/2', '--seed', '99', '--workers', '0', '--out', b]);
    expect(corredor(['merge', a, b, '--out', tmp('m')]).stderr).toMatch(/comes from a different batch/);
    // Damaged files are input errors naming the file (and the line), not internal errors.
    writeFileSync(join(b, 'replicates.jsonl'), readFileSync(join(b, 'replicates.jsonl'), 'utf8') + '{"label": "tiny", "rep\n');
    const damaged = corredor(['merge', b, '--out', tmp('m')]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/replicates\.jsonl: line 3 is not a saved replicate/);
    writeFileSync(join(a, 'summary.json'), '{"manifest": ');
    expect(corredor(['merge', a, '--out', tmp('m')]).stderr).toMatch(/summary\.json: line 1, column \d+: not valid JSON/);
  });

  // SIGINT is Ctrl-C, SIGTERM a scheduler ending the job; both stop cleanly. SIGKILL cannot be
  // caught (the OOM killer, `kill -9`): the checkpoint may end in a half-written line.
  const kills = [
    { signal: 'SIGINT', code: 130, message: true, workers: '1' },
    { signal: 'SIGTERM', code: 143, message: true, workers: '1' },
    { signal: 'SIGKILL', code: null, message: false, workers: '1' },
    // In this thread: a replicate blocks the event loop, so the signal is seen between two.
    { signal: 'SIGINT', code: 130, message: true, workers: '0' },
  ] as const;
  let reference: string | undefined;
  for (const { signal, code: expectedCode, message, workers } of kills) {
    it(`should survive ${signal} midway on ${workers} workers: the checkpoint keeps finished replicates and --resume completes the same result`, async () => {
      if (!reference) {
        reference = tmp('reference');
        expect(corredor(['run', TINY, '--runs', '24', '--workers', '1', '--out', reference]).code).toBe(0);
      }
      const out = tmp(`killed-${signal}`);
      const child = spawn(process.execPath, [BIN, 'run', TINY, '--runs', '24', '--workers', workers, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
      const checkpoint = join(out, 'checkpoint.jsonl');
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (existsSync(checkpoint) && readFileSync(checkpoint, 'utf8').split('\n').length > 4) {
            clearInterval(poll);
            child.kill(signal);
            resolve();
          }
        }, 20);
      });
      const exit = await exited;
      expect(exit.code).toBe(expectedCode);
      if (message) {
        expect(stderr).toMatch(/interrupted: \d+ of 24 replicates are saved in .*checkpoint\.jsonl; no results were written\.\nResume with: corredor run .* --resume/);
      } else {
        expect(exit.signal).toBe('SIGKILL');
      }
      for (const f of ['summary.json', 'replicates.csv', 'links.csv', 'replicates.jsonl']) expect(existsSync(join(out, f)), f).toBe(false);
      const resumed = corredor(['run', TINY, '--runs', '24', '--workers', '2', '--out', out, '--resume']);
      expect(resumed.code, resumed.stderr).toBe(0);
      sameFiles(reference, out);
      expect(existsSync(checkpoint)).toBe(false);
    });
  }

  it('should refuse to resume a checkpoint of another batch', () => {
    const out = tmp('other');
    const child = spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(join(out, 'checkpoint.jsonl'))}, '{"corredorCheckpoint":1,"seed":1}\\n')`]);
    expect(child.status).toBe(0);
    const r = corredor(['run', TINY, '--runs', '3', '--out', out, '--resume']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/belongs to a different batch/);
  });
});

describe('corredor compare', () => {
  it('should print the paired headline differences of the Southern Border Program with CIs', () => {
    const out = tmp('compare');
    const r = corredor([
      'compare', 'scenarios/baseline.yaml', 'scenarios/frontera-sur-2014.yaml',
      '--runs', '6', '--out', out, '--set', 'demand.per_year=40000', '--set', 'period.end=2014-09-30',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('frontera-sur-2014 - baseline: paired differences over 6 replicates (seed 2014), 95% CI');
    expect(lines[1]).toMatch(/^remote_share\s+[+-]\d+\.\d+ pp\s+\[-?\d+\.\d+, -?\d+\.\d+\]/);
    expect(lines[2]).toMatch(/^deaths_per_1000\s+/);
    const compare = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(compare.differences['frontera-sur-2014'].remote_share).toMatchObject({ n: 6 });
    expect(Object.keys(compare.scenarios)).toEqual(['baseline', 'frontera-sur-2014']);
    expect(existsSync(join(out, 'baseline', 'summary.json'))).toBe(true);
  });
});

describe('corredor sweep', () => {
  it('should write one row per grid point with each metric and its CI', () => {
    const out = tmp('sweep');
    const r = corredor(['sweep', TINY, '--set', 'policies.fixed-checkpoints.interception=0,0.3', '--set', 'behaviour.detention_days=5,20', '--runs', '3', '--workers', '0', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(header.startsWith('policies.fixed-checkpoints.interception,behaviour.detention_days,n,')).toBe(true);
    expect(header).toContain('remote_share.mean,remote_share.ci_lo,remote_share.ci_hi');
    expect(rows.map((row) => row.split(',').slice(0, 3).join(','))).toEqual(['0,5,3', '0,20,3', '0.3,5,3', '0.3,20,3']);
  });
});
