import type { TopLevelSpec } from 'vega-lite';
import { flowFeatures } from './flowGeoJson.js';
import type { RunFolder } from './readReportInput.js';

/**
 * Mexico's national maps use a Lambert conformal conic projection with standard parallels
 * 17.5 N and 29.5 N about the meridian 102 W (INEGI's "ITRF2008 / LCC", EPSG:6372). It keeps
 * shapes true across the corridor's 9 degrees of latitude; Vega fits it to the features.
 */
const PROJECTION = { type: 'conicConformal' as const, parallels: [17.5, 29.5], rotate: [102, 0] as [number, number] };

/** Link colours by mode: roads grey, rail brown, trails green, water blue, smugglers red. */
const MODE_COLOURS = { road: '#7f7f7f', smuggler: '#d62728', rail: '#8c564b', trail: '#2ca02c', river: '#1f77b4', sea: '#17becf' };

/**
 * The corridor map as a layered Vega-Lite spec: links (width by flow; colour by mode, or by the
 * change from the comparison run), places with labels, and markers where policies act (the
 * comparison run's, when there is one).
 */
export function mapSpec(run: RunFolder, other?: RunFolder): TopLevelSpec {
  const links = flowFeatures(run, other);
  const places = run.map.features.filter((f) => f.properties.kind === 'place');
  // When comparing, the markers show the compared scenario's policies: the ones whose effect
  // the colours show.
  const policyRun = other ?? run;
  const typeOf = new Map(policyRun.map.policies.map((p) => [p.id, p.type]));
  const markers: { lon: number; lat: number; policy: string; site: string }[] = [];
  for (const f of policyRun.map.features) {
    const ids = (f.properties.policies as string[] | undefined) ?? [];
    if (ids.length === 0) continue;
    const [lon, lat] = f.geometry.type === 'Point' ? (f.geometry.coordinates as number[]) : middle(f.geometry.coordinates as number[][]);
    for (const id of ids) markers.push({ lon, lat, policy: typeOf.get(id) ?? id, site: String(f.properties.name ?? f.properties.id) });
  }
  const maxChange = Math.max(1, ...links.map((l) => Math.abs(l.properties.change ?? 0)));
  const colour = other
    ? { field: 'properties.change', type: 'quantitative', title: `flow change (${other.label} - ${run.label})`, scale: { scheme: 'redblue', reverse: true, domain: [-maxChange, maxChange] } }
    : { field: 'properties.mode', type: 'nominal', title: 'mode', scale: { domain: Object.keys(MODE_COLOURS), range: Object.values(MODE_COLOURS) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 900,
    height: 720,
    projection: PROJECTION,
    layer: [
      {
        name: 'links',
        data: { values: links },
        mark: { type: 'geoshape', filled: false, strokeCap: 'round', tooltip: true },
        encoding: {
          stroke: colour,
          strokeWidth: { field: 'properties.width', type: 'quantitative', title: 'people (mean flow)', scale: { range: [0.4, 14], zero: true } },
        },
      },
      {
        name: 'places',
        data: { values: places.map((p) => ({ lon: (p.geometry.coordinates as number[])[0], lat: (p.geometry.coordinates as number[])[1], name: p.properties.name, kind: p.properties.place_kind })) },
        layer: [
          { mark: { type: 'circle', size: 14, color: '#333', tooltip: true }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' } } },
          { mark: { type: 'text', dx: 4, dy: -4, align: 'left', fontSize: 8, color: '#333' }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'name' } } },
        ],
      },
      {
        name: 'policies',
        data: { values: markers },
        mark: { type: 'point', filled: true, size: 70, color: '#000', opacity: 0.85, tooltip: true },
        encoding: {
          longitude: { field: 'lon', type: 'quantitative' },
          latitude: { field: 'lat', type: 'quantitative' },
          shape: { field: 'policy', type: 'nominal', title: 'policy acting here', scale: { range: ['triangle-up', 'diamond', 'square', 'cross', 'triangle-down', 'circle', 'triangle-left', 'triangle-right', 'stroke'] } },
        },
      },
    ],
    config: { view: { stroke: null }, font: 'Helvetica, Arial, sans-serif' },
  } as TopLevelSpec;
}

function middle(coordinates: number[][]): [number, number] {
  const c = coordinates[Math.floor(coordinates.length / 2)];
  if (coordinates.length % 2 === 1) return [c[0], c[1]];
  const b = coordinates[coordinates.length / 2 - 1];
  return [(b[0] + c[0]) / 2, (b[1] + c[1]) / 2];
}
