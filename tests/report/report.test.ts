import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import { policyFootprints } from '../../src/scenario/policyFootprint.js';

/** `corredor report` on real run, compare and sweep folders of the tiny scenario. */
const BIN = 'dist/src/cli/main.js';
const TINY = 'scenarios/fixtures/tiny.yaml';
function corredor(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const root = mkdtempSync(join(tmpdir(), 'corredor-report-'));
const at = (name: string) => join(root, name);
/** The paths inside the map's link layer (Vega names the group after the layer). */
function linkPaths(html: string): number {
  const start = html.indexOf('class="mark-shape role-mark links_marks"');
  if (start < 0) return -1;
  return (html.slice(start, html.indexOf('</g>', start)).match(/<path /g) ?? []).length;
}

beforeAll(() => {
  for (const [args, dir] of [
    [['run', TINY, '--runs', '4', '--workers', '0'], 'run'],
    [['run', TINY, '--runs', '4', '--workers', '0', '--seed', '99'], 'run-other-seed'],
    [['run', 'scenarios/fixtures/tiny-crackdown.yaml', '--runs', '4', '--workers', '0'], 'crackdown'],
    [['compare', TINY, 'scenarios/fixtures/tiny-crackdown.yaml', '--runs', '4', '--workers', '0'], 'compare'],
    [['sweep', TINY, '--set', 'demand.per_year=3000,6000', '--runs', '3', '--workers', '0'], 'sweep'],
  ] as const) {
    const r = corredor([...args, '--out', at(dir)]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}, 120_000);

describe('corredor report', () => {
  it('should draw a run: a path for every link, the charts, the headline table and the manifest', () => {
    const r = corredor(['report', at('run')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(at('run'), 'report.html'));
    const html = readFileSync(join(at('run'), 'report.html'), 'utf8');
    const map = JSON.parse(readFileSync(join(at('run'), 'map.geojson'), 'utf8'));
    const links = map.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'link').length;
    expect(links).toBe(21);
    expect(linkPaths(html)).toBe(links);
    for (const id of ['chart-headline', 'chart-modes', 'chart-crossings']) expect(html).toContain(`<section id="${id}" class="chart">`);
    expect(html).not.toContain('id="chart-differences"');
    expect(html).toMatch(/<td>seed<\/td><td>7<\/td>/);
    expect(html).toMatch(/<td>scenario hash \(sha256\)<\/td><td><code>[0-9a-f]{64}<\/code>/);
    expect(html).toMatch(/<td>workers, wall time, CPU time<\/td><td>0, [\d.]+ s, [\d.]+ s<\/td>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained: nothing to fetch or run
  });

  it('should report a compare folder with its paired differences, and colour the map by the change', () => {
    const r = corredor(['report', at('compare'), '--out', at('compare.html'), '--geojson', at('flows.geojson')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(at('compare.html'), 'utf8');
    expect(html).toContain('id="chart-differences"');
    expect(html).toContain('(paired)');
    expect(html).toContain('flow change (tiny-crackdown - tiny)');
    const flows = JSON.parse(readFileSync(at('flows.geojson'), 'utf8'));
    expect(flows.features).toHaveLength(21);
    for (const f of flows.features) expect(f.properties.change).toBeCloseTo(f.properties.compared - f.properties.flow, 9);
    expect(flows.features.some((f: { properties: { change: number } }) => f.properties.change !== 0)).toBe(true);
  });

  it('should pair two run folders with the same seed, and fall back to Welch when the seeds differ', () => {
    expect(corredor(['report', at('run'), '--compare', at('crackdown'), '--out', at('paired.html')]).code).toBe(0);
    expect(readFileSync(at('paired.html'), 'utf8')).toContain('tiny-crackdown - tiny (paired)');
    expect(corredor(['report', at('run'), '--compare', at('run-other-seed'), '--out', at('welch.html')]).code).toBe(0);
    expect(readFileSync(at('welch.html'), 'utf8')).toContain('(Welch)');
  });

  it('should draw a sweep as outcomes against the swept parameter', () => {
    const r = corredor(['report', at('sweep')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(at('sweep'), 'report.html'), 'utf8');
    expect(html).toContain('id="chart-sweep"');
    expect(html).toContain('Outcomes against demand.per_year');
  });

  it('should give a clear error, and write nothing, for a missing or malformed folder', () => {
    const cases: [string[], RegExp][] = [
      [['report', at('nowhere')], /nowhere: no such folder; expected the output folder of "corredor run" \(summary\.json\)/],
      [['report', at('empty')], /empty: not a corredor output folder/],
      [['report', at('broken')], /broken\/summary\.json: not valid JSON/],
      [['report', at('nomap')], /nomap\/map\.geojson is missing: the folder was written by an older corredor/],
      [['report', at('interrupted')], /It holds a checkpoint: the batch was interrupted; finish it with --resume first/],
      [['report', at('run'), '--compare', at('sweep')], /--compare: both folders must be "corredor run" outputs/],
      [['report', at('run'), '--out', at('run')], /--out .* is the input folder; give a file name/],
      [['report', at('sweep'), '--geojson', at('x.geojson')], /--geojson needs a run or compare folder/],
    ];
    mkdirSync(at('empty'));
    mkdirSync(at('broken'));
    writeFileSync(join(at('broken'), 'summary.json'), '{"manifest": ');
    mkdirSync(at('nomap'));
    for (const f of ['summary.json', 'links.csv']) writeFileSync(join(at('nomap'), f), readFileSync(join(at('run'), f)));
    mkdirSync(at('interrupted'));
    writeFileSync(join(at('interrupted'), 'checkpoint.jsonl'), '{}\n');
    for (const [args, message] of cases) {
      const r = corredor(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    for (const dir of ['empty', 'broken', 'nomap', 'interrupted']) expect(existsSync(join(at(dir), 'report.html')), dir).toBe(false);
    rmSync(at('empty'), { recursive: true });
  });
});

describe('policy footprints', () => {
  it('should name the links and places each enabled policy changes', () => {
    const loaded = loadScenario(TINY);
    const byId = new Map(policyFootprints(loaded.scenario.policies, loaded.compiled).map((f) => [f.id, f]));
    const linkIds = (id: string) => byId.get(id)!.links.map((l) => loaded.compiled.meta.linkIds[l]);
    const placeIds = (id: string) => byId.get(id)!.places.map((p) => loaded.compiled.meta.placeIds[p]);
    expect(placeIds('fixed-checkpoints').length).toBeGreaterThan(0);
    expect(linkIds('sea-closure').length).toBeGreaterThan(0);
    for (const id of linkIds('sea-closure')) expect(loaded.network.links[loaded.network.linkIndex.get(id)!].mode).toBe('sea');
    expect(byId.get('mobile-checkpoints')!.sampled).toBe(true);
    for (const id of linkIds('smuggler-prices')) expect(loaded.network.links[loaded.network.linkIndex.get(id)!].mode).toBe('smuggler');
    const disabled = loadScenario(TINY, { disable: ['train-raids'] });
    expect(policyFootprints(disabled.scenario.policies, disabled.compiled).map((f) => f.id)).not.toContain('train-raids');
  });
});
