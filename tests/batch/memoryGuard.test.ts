import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedAgents } from '../../src/batch/estimateMemory.js';
import { checkMemory } from '../../src/cli/batchRunner.js';
import { runCli } from '../../src/cli/runCli.js';
import { nodeEffects } from '../../src/cli/effects.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

describe('memory guard', () => {
  it('should estimate the agents of a scenario from its demand, by-year volumes and caravans', () => {
    const s = loadScenario('scenarios/fixtures/tiny.yaml').scenario; // 6,000 a year for 61 days, one caravan of 40
    expect(expectedAgents(s)).toBe(Math.ceil((6000 * 61) / 365 + 40));
    const timeline = loadScenario('scenarios/timeline-2013-2019.yaml').scenario;
    expect(expectedAgents(timeline)).toBeGreaterThan(2_800_000);
  });

  it('should refuse an oversized request before it starts, and write nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'corredor-oom-')), 'results');
    let err = '';
    const code = await runCli(['run', 'scenarios/fixtures/tiny.yaml', '--set', 'demand.per_year=1e12', '--out', out], { ...nodeEffects(), stderr: (t) => void (err += t), stdout: () => undefined });
    expect(code).toBe(1);
    expect(err).toMatch(/^tiny: one replicate needs about [\d.]+ GiB \([\d,]+ agents\), more than a worker's heap limit of 2\.0 GiB; lower demand\.per_year or shorten the period/);
    expect(existsSync(out)).toBe(false);
  });

  it('should say how many workers fit when all of them together would not', () => {
    const s = loadScenario('scenarios/baseline.yaml').scenario;
    expect(() => checkMemory([s], 64, 4 * 2 ** 30)).toThrow(/64 replicates at once need about [\d.]+ GiB, more than 80% of this machine's 4\.0 GiB; run with --workers \d+/);
    expect(() => checkMemory([s], 2, 4 * 2 ** 30)).not.toThrow();
  });
});
