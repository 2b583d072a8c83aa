import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The real `corredor` bin, as a user runs it after `npm install`: built JavaScript in dist/,
 * run by `npx`. `npm test` builds before running vitest.
 */
const BIN = 'dist/src/cli/main.js';

function corredor(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the corredor bin', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first (npm test does it)`);
  });

  it('should run through npx with --help', () => {
    const r = spawnSync('npx', ['--no-install', 'corredor', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: corredor <command>');
    const sub = spawnSync('npx', ['--no-install', 'corredor', 'network', '--help'], { encoding: 'utf8' });
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain('Usage: corredor network FILE [--json]');
  });

  it('should summarise the shipped corridor network as one JSON object', () => {
    const r = corredor(['network', 'scenarios/networks/southern-corridor.geojson', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.places).toBeGreaterThanOrEqual(80);
    expect(summary.links).toBeGreaterThanOrEqual(150);
    expect(summary.linksWithoutSource).toBe(0);
    expect(summary.unreachableOrigins).toBe(0);
  });

  it('should exit non-zero with a located message and no stack trace for each malformed network', () => {
    const good = JSON.parse(
      JSON.stringify({
        type: 'FeatureCollection',
        properties: { speeds_km_per_day: { road: 80, smuggler: 400, rail: 150, trail: 25, river: 60, sea: 150 } },
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [-92, 15] }, properties: { id: 'o', name: 'O', kind: 'origin', country: 'GTM' } },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [-93, 16] }, properties: { id: 'd', name: 'D', kind: 'destination', country: 'MEX' } },
          {
            type: 'Feature',
            geometry: { type: 'LineString', coordinates: [[-92, 15], [-93, 16]] },
            properties: { from: 'o', to: 'd', mode: 'road', cost_usd: 1, robbery: 0, injury: 0, death: 0, remote: false, source: 's' },
          },
        ],
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'corredor-bad-'));
    const variants: [string, (n: typeof good) => string, RegExp][] = [
      ['broken-json', (n) => JSON.stringify(n).slice(0, -5), /broken-json\.geojson: line 1, column \d+: not valid JSON/],
      ['unknown-mode', (n) => ((n.features[2].properties.mode = 'bus'), JSON.stringify(n)), /features\[2\] \(link "o--d--bus"\) properties\.mode: expected one of/],
      ['dangling-link', (n) => ((n.features[2].properties.to = 'x'), JSON.stringify(n)), /features\[2\] \(link "o--x--road"\) properties\.to: no place has id "x"/],
      ['negative-km', (n) => ((n.features[2].properties.length_km = -3), JSON.stringify(n)), /properties\.length_km: expected a number >= 0; got -3/],
      ['probability', (n) => ((n.features[2].properties.robbery = 1.5), JSON.stringify(n)), /properties\.robbery: expected a number <= 1; got 1\.5/],
      ['duplicate-id', (n) => (n.features.push(n.features[0]), JSON.stringify(n)), /features\[3\] \(place "o"\) properties\.id: duplicate place id/],
    ];
    for (const [name, mutate, message] of variants) {
      const file = join(dir, `${name}.geojson`);
      writeFileSync(file, mutate(structuredClone(good)));
      const r = corredor(['network', file]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toContain(file);
      expect(r.stderr, name).not.toMatch(/^\s+at /m);
      expect(r.stdout, name).toBe('');
    }
  });

  it('should import the Flee benchmark folders and load what it wrote', () => {
    for (const variant of ['baseline', 'checkpoints', 'border']) {
      const out = mkdtempSync(join(tmpdir(), `corredor-${variant}-`));
      const r = corredor(['import-flee', join('tests/fixtures/flee-corridor', variant), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['network.geojson', 'scenario.yaml']);
      const check = corredor(['network', join(out, 'network.geojson'), '--json']);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ places: 61, links: 98, unreachableOrigins: 0 });
    }
  });

  it('should write nothing when the Flee folder is bad', () => {
    const out = mkdtempSync(join(tmpdir(), 'corredor-nothing-'));
    const r = corredor(['import-flee', 'tests/fixtures', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/locations\.csv: missing/);
    expect(readdirSync(out)).toEqual([]);
  });
  it('should refuse to run from a copy of dist/ outside its package, and write nothing', () => {
    // Such a copy once fell back to the working directory for its package, and so ran the
    // worker threads of whatever build sat there, and wrote results under version 0.0.0.
    const copy = mkdtempSync(join(tmpdir(), 'corredor-dist-'));
    cpSync('dist', join(copy, 'dist'), { recursive: true });
    symlinkSync(resolve('node_modules'), join(copy, 'node_modules'), 'dir');
    const out = join(copy, 'out');
    const r = spawnSync(process.execPath, [join(copy, BIN), 'run', 'scenarios/fixtures/tiny.yaml', '--runs', '1', '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`corredor's package.json (name "corredor", with a version) was not found in ${join(copy, 'dist', 'src', 'core')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    rmSync(copy, { recursive: true, force: true });
  });
});
