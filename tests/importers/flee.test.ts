import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../../src/core/errors.js';
import { fleeToCorredor } from '../../src/importers/flee/fleeToCorredor.js';
import { readFleeFolder } from '../../src/importers/flee/readFleeFolder.js';
import { loadNetwork } from '../../src/network/loadNetwork.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';

const BENCH = 'tests/fixtures/flee-corridor';

/** Data rows of a Flee CSV: lines that are neither empty nor comments (the header is one). */
function dataRows(file: string): number {
  return readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corredor-flee-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('Flee import', () => {
  for (const variant of ['baseline', 'checkpoints', 'border']) {
    it(`should import the ${variant} benchmark folder with one place per location and one link per route`, () => {
      // Arrange
      const dir = join(BENCH, variant);
      // Act
      const flee = readFleeFolder(dir);
      const { network, scenario } = fleeToCorredor(flee);
      const parsed = parseNetwork(JSON.stringify(network), 'network.geojson');
      // Assert
      expect(parsed.places).toHaveLength(dataRows(join(dir, 'locations.csv')));
      expect(parsed.links).toHaveLength(dataRows(join(dir, 'routes.csv')));
      expect((scenario.policies as unknown[]).length).toBe(dataRows(join(dir, 'closures.csv')));
      expect(scenario.period).toEqual({ start: '2019-01-01', end: '2019-10-27' });
    });
  }

  it('should map Flee location types to kinds and keep unknown columns', () => {
    const { network } = fleeToCorredor(readFleeFolder(join(BENCH, 'baseline')));
    const parsed = parseNetwork(JSON.stringify(network), 'network.geojson');
    expect(parsed.places.filter((p) => p.kind === 'origin').map((p) => p.id)).toContain('San Pedro Sula');
    expect(parsed.places.filter((p) => p.kind === 'destination').map((p) => p.id)).toEqual(['Cancun', 'Ciudad de Mexico']);
    const feature = (network.features as { properties: Record<string, unknown> }[]).find((f) => f.properties.from === 'San Pedro Sula' && f.properties.to === 'Corinto')!;
    expect(feature.properties).toMatchObject({ mode: 'road', length_km: 48.7, cost_usd: 2.92, flee_risk: 0.01, flee_checkpoint: 0, flee_walk_probability: 0.3 });
  });

  it('should turn closures into dated closure policies', () => {
    const border = fleeToCorredor(readFleeFolder(join(BENCH, 'border'))).scenario.policies as Record<string, unknown>[];
    expect(border[0]).toEqual({ id: 'flee-closure-line-2', type: 'closure', enabled: true, from: '2019-01-31', border: ['GTM', 'MEX'], source: 'Flee closures.csv line 2' });
    const links = fleeToCorredor(readFleeFolder(join(BENCH, 'checkpoints'))).scenario.policies as Record<string, unknown>[];
    expect(links[0]).toMatchObject({ from: '2019-01-31', moves: [{ from: 'Corinto', to: 'Puerto Barrios' }] });
  });

  it('should accept the header and spacing variants of real Flee folders', () => {
    // Arrange: quoted "#" header, latitude/longitude, spaces after commas, CRLF, a BOM,
    // extra columns, multi-word names with quotes and commas, comment lines.
    const dir = folder({
      'locations.csv':
        '\ufeff"#name", region, country, latitude, longitude, location_type, conflict_date, pop/cap, notes\r\n' +
        '"San Pedro Sula", Cortes, HND, 15.5, -88.03, conflict_zone, 0, 800000, big city\r\n' +
        '# a comment line\r\n' +
        '"Ciudad Hidalgo, Suchiate", Chiapas, MEX, 14.679, -92.152, town, , , \r\n' +
        'Ciudad de Mexico, CDMX, MEX, 19.433, -99.133, camp, , 0,\r\n',
      'routes.csv':
        '#name1,name2,distance,forced_redirection,extra1\n' +
        'San Pedro Sula, "Ciudad Hidalgo, Suchiate", 700 ,0,x\n' +
        '"Ciudad Hidalgo, Suchiate",Ciudad de Mexico,1200,0\n',
      'closures.csv':
        '#closure_type,name1,name2,closure_start,closure_end\n' +
        'location,"Ciudad Hidalgo, Suchiate",,10,20\n' +
        'country,HND,MEX,5,-1\n',
      'sim_period.csv': 'StartDate,2014-07-01\nLength,31\n',
    });
    // Act
    const flee = readFleeFolder(dir);
    const { network, scenario } = fleeToCorredor(flee);
    const parsed = parseNetwork(JSON.stringify(network), 'network.geojson');
    // Assert
    expect(parsed.places.map((p) => p.id)).toEqual(['Ciudad Hidalgo, Suchiate', 'Ciudad de Mexico', 'San Pedro Sula']);
    expect(parsed.links.map((l) => [l.from, l.to, l.lengthKm])).toEqual([
      ['Ciudad Hidalgo, Suchiate', 'Ciudad de Mexico', 1200],
      ['San Pedro Sula', 'Ciudad Hidalgo, Suchiate', 700],
    ]);
    expect(scenario.period).toEqual({ start: '2014-07-01', end: '2014-07-31' });
    expect(scenario.policies).toEqual([
      { id: 'flee-closure-line-2', type: 'closure', enabled: true, from: '2014-07-11', to: '2014-07-20', places: ['Ciudad Hidalgo, Suchiate'], source: 'Flee closures.csv line 2' },
      { id: 'flee-closure-line-3', type: 'closure', enabled: true, from: '2014-07-06', border: ['HND', 'MEX'], source: 'Flee closures.csv line 3' },
    ]);
  });

  it('should report every bad row of every file in one go', () => {
    const dir = folder({
      'locations.csv': '#name,region,country,lat,lon,location_type\nA,r,MEX,15,-92,conflict_zone\nB,r,MEX,north,-93,camp\nA,r,MEX,15,-92,town\n',
      'routes.csv': '#name1,name2,distance\nA,C,10\nA,B,-4\n',
      'closures.csv': '#closure_type,name1,name2,closure_start,closure_end\nbridge,A,B,1,2\nlink,A,B,5,2\n',
      'sim_period.csv': 'StartDate,2019-13-01\nLength,10\n',
    });
    let error: InputError | undefined;
    try {
      readFleeFolder(dir);
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    const lines = error!.problems.map((p) => `${p.file.replace(dir, 'DIR')}: ${p.where}: ${p.message}`);
    expect(lines).toEqual([
      'DIR/locations.csv: line 3 lat: expected a number; got "north"',
      'DIR/locations.csv: line 4 name: duplicate location "A"; line 2 has it already',
      'DIR/routes.csv: line 2 name2: no location named "C" in locations.csv (names must match exactly)',
      'DIR/routes.csv: line 3 name2: no location named "B" in locations.csv (names must match exactly)',
      'DIR/routes.csv: line 3 distance: expected a distance >= 0; got -4',
      'DIR/closures.csv: line 2 closure_type: expected one of link, location, country; got "bridge"',
      'DIR/closures.csv: line 3 name2: no location named "B" in locations.csv',
      'DIR/sim_period.csv: line 1 StartDate: expected a date as YYYY-MM-DD; got "2019-13-01"',
    ]);
  });

  it('should name the missing file of an incomplete folder', () => {
    const dir = folder({ 'locations.csv': '#name,country,lat,lon,location_type\n' });
    expect(() => readFleeFolder(dir)).toThrow(/routes\.csv: missing; a Flee input folder needs locations\.csv and routes\.csv/);
  });

  it('should write files that load as a network and parse as YAML', async () => {
    const { runCli } = await import('../../src/cli/runCli.js');
    const { nodeEffects } = await import('../../src/cli/effects.js');
    const out = mkdtempSync(join(tmpdir(), 'corredor-flee-out-'));
    const effects = { ...nodeEffects(), stderr: () => undefined };
    const code = await runCli(['import-flee', join(BENCH, 'checkpoints'), '--out', out], effects);
    expect(code).toBe(0);
    expect(loadNetwork(join(out, 'network.geojson')).links).toHaveLength(98);
    const scenario = parseYaml(readFileSync(join(out, 'scenario.yaml'), 'utf8')) as { network: string; policies: unknown[] };
    expect(scenario.network).toBe('network.geojson');
    expect(scenario.policies).toHaveLength(46);
  });
});
