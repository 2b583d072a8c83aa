import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCalibrationSpec, type CalibrationSpec } from '../../src/calibration/calibrationSpec.js';
import { distance, drawParameters, nearestRank, quantile, rejectionAbc } from '../../src/calibration/rejectionAbc.js';
import { InputError } from '../../src/core/errors.js';

const BIN = 'dist/src/cli/main.js';
function corredor(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SPEC = `name: toy
seed: 5
samples: 50
replicates: 2
accept: 0.2
scenarios: { tiny: TINY }
parameters:
  - { name: interception, prior: { uniform: [0, 0.6] }, paths: [policies.fixed-checkpoints.interception], source: test }
targets:
  - { name: caught, observed: OBSERVED, sd: 0.02, model: { scenario: tiny, metric: apprehended_share }, source: "the model itself at 0.3" }
`;

describe('rejection ABC', () => {
  const spec = parseCalibrationSpec(SPEC.replace('TINY', 'x.yaml').replace('OBSERVED', '0.5'), 'spec.yaml');

  it('should draw every sample inside its prior, the same for the same seed and differently for another', () => {
    const a = drawParameters(spec);
    expect(a).toHaveLength(50);
    for (const [x] of a) expect(x >= 0 && x < 0.6).toBe(true);
    expect(drawParameters(spec)).toEqual(a);
    expect(drawParameters({ ...spec, seed: 6 })).not.toEqual(a);
    const log = parseCalibrationSpec(SPEC.replace('uniform: [0, 0.6]', 'loguniform: [1, 100]').replace('TINY', 'x').replace('OBSERVED', '1'), 's');
    const xs = drawParameters({ ...log, samples: 2000 }).map(([x]) => x);
    // Log-uniform on [1, 100]: half the mass below 10.
    expect(xs.filter((x) => x < 10).length / xs.length).toBeCloseTo(0.5, 1);
    // Integers 2..5: only those four values, each about a quarter of the draws.
    const ints = parseCalibrationSpec(SPEC.replace('uniform: [0, 0.6]', 'integer: [2, 5]').replace('TINY', 'x').replace('OBSERVED', '1'), 's');
    const ks = drawParameters({ ...ints, samples: 2000 }).map(([x]) => x);
    expect(new Set(ks)).toEqual(new Set([2, 3, 4, 5]));
    for (const k of [2, 3, 4, 5]) expect(ks.filter((x) => x === k).length / ks.length).toBeCloseTo(0.25, 1);
    expect(() => parseCalibrationSpec(SPEC.replace('uniform: [0, 0.6]', 'integer: [2, 5.5]').replace('TINY', 'x').replace('OBSERVED', '1'), 's.yaml')).toThrow(/integer/);
  });

  it('should keep the samples closest to the observations and summarise them', () => {
    const values = [[0.1], [0.2], [0.3], [0.4], [0.5]];
    const model = [[0.9], [0.55], [0.49], [0.2], [Number.NaN]];
    const result = rejectionAbc({ ...spec, samples: 5, accept: 0.4 } as CalibrationSpec, values, model);
    expect(result.accepted).toEqual([2, 1]);
    expect(result.distances[4]).toBe(Infinity);
    expect(result.epsilon).toBeCloseTo(0.05 / 0.02, 12);
    expect(result.parameters.interception.best).toBe(0.3);
    expect(result.parameters.interception.median).toBeCloseTo(0.25, 12);
    expect(distance(spec, [0.5])).toBe(0);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2], 0.25)).toBe(1.25);
    // Integer parameters: a value that occurred, never a midpoint.
    expect(nearestRank([7, 8, 6, 9], 0.5)).toBe(7);
    expect(nearestRank([7, 8, 6, 9], 0.05)).toBe(6);
    expect(nearestRank([7, 8, 6, 9], 0.95)).toBe(9);
  });

  it('should reject a malformed calibration file with the field and line', () => {
    const bad = SPEC.replace('TINY', 'x').replace('OBSERVED', '0.5').replace('uniform: [0, 0.6]', 'uniform: [0.6, 0]').replace('scenario: tiny, metric', 'scenario: other, metric');
    let error: unknown;
    try {
      parseCalibrationSpec(bad, 'bad.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(/bad\.yaml: parameters\[0\]\.prior \(line 8, column \d+\): expected \[low, high\] with low < high; got \[0\.6, 0\]/);
    expect(message).toMatch(/targets\[0\]\.model\.scenario .*: no scenario named "other"; the scenarios are tiny/);
    expect(() => parseCalibrationSpec('name: x\nsamples: -1\n', 'b.yaml')).toThrow(/b\.yaml: .*samples/);
  });
});

describe('corredor calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corredor-calibrate-'));
  const tiny = resolve('scenarios/fixtures/tiny.yaml');

  it('should recover a known parameter from data the model made, and give the same files on 0 and 2 workers', () => {
    // "Observed" data from the model itself at interception 0.3, with the calibration's seed and
    // replicates: the posterior must cover 0.3 and be far narrower than the prior.
    const truth = corredor(['run', tiny, '--runs', '2', '--seed', '5', '--workers', '0', '--set', 'policies.fixed-checkpoints.interception=0.3', '--out', join(dir, 'truth')]);
    expect(truth.code, truth.stderr).toBe(0);
    const observed = JSON.parse(readFileSync(join(dir, 'truth', 'summary.json'), 'utf8')).metrics.apprehended_share.mean;
    const file = join(dir, 'toy.yaml');
    writeFileSync(file, SPEC.replace('TINY', tiny).replace('OBSERVED', String(observed)));
    const a = corredor(['calibrate', file, '--workers', '0', '--out', join(dir, 'a')]);
    expect(a.code, a.stderr).toBe(0);
    const posterior = JSON.parse(readFileSync(join(dir, 'a', 'posterior.json'), 'utf8'));
    expect(posterior).toMatchObject({ seed: 5, samples: 50, replicates: 2, acceptedCount: 10, method: 'rejection ABC, quantile threshold' });
    const p = posterior.parameters.interception;
    expect(p.q05).toBeLessThan(0.3);
    expect(p.q95).toBeGreaterThan(0.3);
    // Far narrower than the prior's 90% range of 0.54.
    expect(p.q95 - p.q05).toBeLessThan(0.2);
    expect(a.stdout).toMatch(/^toy: accepted 10 of 50 samples/);

    const b = corredor(['calibrate', file, '--workers', '2', '--out', join(dir, 'b')]);
    expect(b.code, b.stderr).toBe(0);
    for (const f of ['posterior.json', 'samples.csv']) expect(readFileSync(join(dir, 'b', f), 'utf8'), f).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
  }, 120_000);

  it('should check the targets on a finished compare folder, replicate by replicate', () => {
    const crack = resolve('scenarios/fixtures/tiny-crackdown.yaml');
    const cmp = corredor(['compare', tiny, crack, '--runs', '3', '--workers', '0', '--out', join(dir, 'cmp')]);
    expect(cmp.code, cmp.stderr).toBe(0);
    const file = join(dir, 'check.yaml');
    const spec = SPEC.replace('scenarios: { tiny: TINY }', `scenarios: { tiny: ${tiny}, crack: ${crack} }`)
      .replace('OBSERVED', '2')
      .replace('model: { scenario: tiny, metric: apprehended_share }', 'model: { ratio: [{ scenario: crack, metric: apprehensions }, { scenario: tiny, metric: apprehensions }] }, log: true');
    writeFileSync(file, spec);
    const r = corredor(['calibrate', file, '--check', join(dir, 'cmp')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = (name: string) => readFileSync(join(dir, 'cmp', name, 'replicates.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).metrics.apprehensions as number);
    const [a, b] = [lines('tiny'), lines('tiny-crackdown')];
    const ratios = a.map((x, k) => b[k] / x);
    const check = JSON.parse(readFileSync(join(dir, 'cmp', 'targets-toy.json'), 'utf8')).targets[0];
    expect(check.n).toBe(3);
    expect(check.mean).toBeCloseTo(ratios.reduce((s, x) => s + x, 0) / 3, 12);
    expect(check.gapInSd).toBeCloseTo((Math.log(check.mean) - Math.log(2)) / 0.02, 9);
    expect(r.stdout).toMatch(/^toy: targets on .*cmp, 3 paired replicates, 95% CIs/);
  });

  it('should name a missing calibration file', () => {
    const r = corredor(['calibrate', join(dir, 'nowhere.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nowhere\.yaml: no such file; check the path/);
  });

  it('should name a parameter path no scenario has', () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, SPEC.replace('TINY', tiny).replace('OBSERVED', '0.5').replace('fixed-checkpoints', 'fixed-checkponts'));
    const r = corredor(['calibrate', file, '--workers', '0', '--out', join(dir, 'typo')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/typo\.yaml: parameter interception: no scenario has policies\.fixed-checkponts\.interception; check the policy id/);
  });
});
