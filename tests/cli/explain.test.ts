import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = 'dist/src/cli/main.js';
function corredor(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
type Route = { places: string[]; usesSmuggler: boolean; choiceProbability: number; cost: Record<string, number> };

describe('corredor explain', () => {
  it('should cost every candidate route component by component, and show what a crackdown moves', () => {
    const r = corredor(['explain', 'scenarios/fixtures/tiny.yaml', 'scenarios/fixtures/tiny-crackdown.yaml', '--from', 'gt_origin', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { scenarios: { name: string; routes: Route[] }[] };
    const [base, crack] = out.scenarios.map((s) => s.routes);
    expect(base.length).toBeGreaterThan(1);
    for (const routes of [base, crack]) {
      for (const x of routes) {
        const c = x.cost;
        expect(c.totalUsd).toBeCloseTo(c.moneyUsd + c.timeUsd + c.robberyUsd + c.injuryUsd + c.deathUsd + c.interceptionUsd, 9);
        expect(x.places[0]).toBe('gt_origin');
      }
      // Without a smuggler, smuggler routes are not open to the traveller.
      const open = routes.filter((x) => !x.usesSmuggler);
      expect(open.reduce((s, x) => s + x.choiceProbability, 0)).toBeCloseTo(1, 12);
      for (const x of routes.filter((x) => x.usesSmuggler)) expect(x.choiceProbability).toBe(0);
    }
    // The same candidate routes are costed under both; the crackdown raises interception on some.
    const byKey = new Map(crack.map((x) => [x.places.join('>'), x]));
    const shared = base.filter((x) => byKey.has(x.places.join('>')));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.some((x) => byKey.get(x.places.join('>'))!.cost.interceptionUsd > x.cost.interceptionUsd + 1)).toBe(true);

    const table = corredor(['explain', 'scenarios/fixtures/tiny.yaml', 'scenarios/fixtures/tiny-crackdown.yaml', '--from', 'gt_origin']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Routes from gt_origin on the last day of the period/);
    expect(table.stdout).toMatch(/tiny-crackdown: .*P=\d+\.\d%\([+-]?\d+\.\d\)/);
  });

  it('should name an unknown place and a bad date', () => {
    const r = corredor(['explain', 'scenarios/fixtures/tiny.yaml', '--from', 'atlantis']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from atlantis: no place with that id in/);
    expect(corredor(['explain', 'scenarios/fixtures/tiny.yaml', '--from', 'gt_origin', '--day', '2014-13-01']).stderr).toMatch(/--day expects a date as YYYY-MM-DD/);
  });
});
