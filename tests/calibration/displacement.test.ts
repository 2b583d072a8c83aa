import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Guards the central result: the calibrated Southern Border Program displaces travel onto
 * remote routes, makes it longer and more robbery-prone, and multiplies apprehensions,
 * significantly, on a reduced batch (full demand, 10 paired replicates, about 40 s on two
 * cores). A change to the engine, the network or the shipped scenarios that removes the effect
 * fails here. It runs at full demand because the remote-share effect is not scale-free: at a
 * tenth of the demand it vanishes (docs/VALIDATION.md, section 6). The full-size figures (200
 * replicates) are in docs/VALIDATION.md. Deaths per 1,000 fall there, and money cost falls, so
 * neither is asserted here.
 */
describe('the displacement effect of the Southern Border Program', () => {
  it('should raise remote share, robberies, transit days and apprehensions, with 95% CIs above zero', () => {
    const out = mkdtempSync(join(tmpdir(), 'corredor-displacement-'));
    const r = spawnSync(
      process.execPath,
      ['dist/src/cli/main.js', 'compare', 'scenarios/baseline.yaml', 'scenarios/frontera-sur-2014.yaml', '--runs', '10', '--out', out],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')).differences['frontera-sur-2014'];
    for (const metric of ['remote_share', 'robberies_per_agent', 'mean_transit_days', 'apprehensions']) {
      expect(d[metric].n, metric).toBe(10);
      expect(d[metric].ci95[0], `${metric}: ${JSON.stringify(d[metric])}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
