/**
 * Builds the shipped corridor network, scenarios/networks/southern-corridor.geojson, and its
 * source list, docs/sources.md, from the tables beside this file:
 *
 *   places.csv         one row per place, with the source of its coordinates and role;
 *   links.csv          one row per link, with the source of its existence and distance;
 *   mode-defaults.csv  per-mode circuity, money cost and hazard rates, each with its source.
 *
 * Editing the tables and running `npm run build:network` keeps the GeoJSON and the citations
 * in step; a test fails when the committed files differ from what this script would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { greatCircleKm } from '../../src/core/geo.js';
import { DEFAULT_SPEEDS_KM_PER_DAY, MODES, type Mode } from '../../src/network/modes.js';
import { defaultLinkId } from '../../src/network/network.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORRIDOR_FILE = 'scenarios/networks/southern-corridor.geojson';
export const SOURCES_FILE = 'docs/sources.md';

type Row = Record<string, string>;

function table(name: string): Row[] {
  return parse(readFileSync(join(HERE, name), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

interface ModeDefaults {
  circuity: number;
  costFixed: number;
  costPerKm: number;
  robberyPerKm: number;
  injuryPerKm: number;
  deathPerKm: number;
  source: string;
}

/** Probability of at least one event over `km`, from a per-km rate: 1 - (1 - rate)^km. */
function perTraversal(ratePerKm: number, km: number): number {
  return round(1 - Math.pow(1 - ratePerKm, km), 4);
}

/** Rounds to `digits` significant digits, so the file is stable and readable. */
function round(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

export function buildCorridor(): { geojson: string; sources: string } {
  const places = table('places.csv');
  const links = table('links.csv');
  const modes = new Map<string, ModeDefaults>(
    table('mode-defaults.csv').map((r) => [
      r.mode,
      {
        circuity: Number(r.circuity),
        costFixed: Number(r.cost_fixed_usd),
        costPerKm: Number(r.cost_per_km_usd),
        robberyPerKm: Number(r.robbery_per_km),
        injuryPerKm: Number(r.injury_per_km),
        deathPerKm: Number(r.death_per_km),
        source: r.source,
      },
    ]),
  );
  const coords = new Map(places.map((p) => [p.id, [Number(p.lon), Number(p.lat)]]));

  const features: object[] = places.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: coords.get(p.id) },
    properties: { id: p.id, name: p.name, kind: p.kind, country: p.country, state: p.state, source: p.source },
  }));

  const linkRows: string[] = [];
  for (const l of links) {
    const m = modes.get(l.mode);
    if (!m) throw new Error(`links.csv: unknown mode ${l.mode}`);
    const a = coords.get(l.from)!;
    const b = coords.get(l.to)!;
    const gc = greatCircleKm(a, b);
    const sourced = l.km !== '';
    // Distances below 1 km (bridges, town streets) are kept at 1 km: a crossing still takes time.
    const km = sourced ? Number(l.km) : Math.max(1, round(gc * m.circuity, 3));
    const kmBasis = sourced
      ? l.km_basis || 'sourced (see link source)'
      : `assumption: great-circle ${gc.toFixed(1)} km x ${m.circuity.toFixed(2)} circuity for ${l.mode}`;
    const statedCost = l.cost_usd !== '';
    const cost = statedCost ? Number(l.cost_usd) : round(m.costFixed + m.costPerKm * km, 4);
    const id = l.id || defaultLinkId(l.from, l.to, l.mode);
    const source = [
      l.source,
      `km: ${kmBasis}`,
      statedCost ? `cost: stated in the link source` : `cost: ${l.mode} default (docs/sources.md#mode-defaults)`,
      `hazards: assumption, ${l.mode} per-km rates (docs/sources.md#hazards)`,
    ].join('; ');
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [a, b] },
      properties: {
        id,
        from: l.from,
        to: l.to,
        mode: l.mode,
        length_km: km,
        cost_usd: cost,
        robbery: perTraversal(m.robberyPerKm, km),
        injury: perTraversal(m.injuryPerKm, km),
        death: perTraversal(m.deathPerKm, km),
        remote: l.remote === 'true',
        oneway: l.oneway === 'true',
        source,
      },
    });
    linkRows.push(`| \`${id}\` | ${km} | ${cost} | ${l.remote === 'true' ? 'yes' : ''} | ${escapeCell(l.source)}; km: ${escapeCell(kmBasis)} |`);
  }

  const network = {
    type: 'FeatureCollection',
    properties: {
      name: 'southern-corridor',
      description:
        "Route network of Mexico's southern border corridor: Central American origins, the Guatemala and Belize border crossings, Chiapas, Tabasco, Campeche, Quintana Roo, the Isthmus of Tehuantepec and the routes north. Built by data/corridor/buildCorridor.ts; sources in docs/sources.md.",
      speeds_km_per_day: { ...DEFAULT_SPEEDS_KM_PER_DAY },
    },
    features,
  };
  const geojson = JSON.stringify(network, null, 1) + '\n';

  const intro = readFileSync(join(HERE, 'sources-intro.md'), 'utf8');
  const modeRows = MODES.map((mode: Mode) => {
    const d = modes.get(mode)!;
    return `| ${mode} | ${DEFAULT_SPEEDS_KM_PER_DAY[mode]} | ${d.circuity} | ${d.costFixed} | ${d.costPerKm} | ${d.robberyPerKm} | ${d.injuryPerKm} | ${d.deathPerKm} | ${escapeCell(d.source)} |`;
  });
  const placeRows = places.map((p) => `| \`${p.id}\` | ${escapeCell(p.name)} | ${p.kind} | ${p.country} | ${p.lat}, ${p.lon} | ${escapeCell(p.source)} |`);
  const sources = [
    intro.trimEnd(),
    '',
    '## Mode defaults',
    '<a id="mode-defaults"></a>',
    '',
    'Speeds are in km/day (network `speeds_km_per_day`); rates are per km and become per-traversal probabilities as 1 - (1 - rate)^km. Every rate is an **assumption** and a calibration parameter.',
    '',
    '| mode | speed | circuity | fixed USD | USD/km | robbery/km | injury/km | death/km | source |',
    '|---|---|---|---|---|---|---|---|---|',
    ...modeRows,
    '',
    `## Places (${places.length})`,
    '',
    '| id | name | kind | country | lat, lon | source |',
    '|---|---|---|---|---|---|',
    ...placeRows,
    '',
    `## Links (${links.length})`,
    '',
    'Distances marked "assumption: great-circle ..." are placeholders until replaced by routed or cited distances. Cost and hazards come from the mode defaults above unless the source says otherwise.',
    '',
    '| id | km | USD | remote | source |',
    '|---|---|---|---|---|',
    ...linkRows,
    '',
  ].join('\n');
  return { geojson, sources };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

// Run as a script: write both files.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(HERE, '..', '..');
  const { geojson, sources } = buildCorridor();
  writeFileSync(join(root, CORRIDOR_FILE), geojson);
  writeFileSync(join(root, SOURCES_FILE), sources);
  console.error(`wrote ${CORRIDOR_FILE} and ${SOURCES_FILE}`);
}
