import { addDays } from '../../core/dates.js';
import { DEFAULT_SPEEDS_KM_PER_DAY, isMode, type Mode, type PlaceKind } from '../../network/modes.js';
import { defaultLinkId } from '../../network/network.js';
import type { FleeFolder } from './readFleeFolder.js';

/** What `import-flee` writes: a network GeoJSON and a scenario naming it. */
export interface FleeImport {
  readonly network: Record<string, unknown>;
  readonly scenario: Record<string, unknown>;
}

/** Flee location types -> corredor place kinds; everything not listed is a town. */
const KIND_BY_FLEE_TYPE: Readonly<Record<string, PlaceKind>> = { conflict_zone: 'origin', camp: 'destination' };

/** Modes with `remote: true` when a Flee route names them (they avoid roads and checkpoints). */
const REMOTE_MODES: ReadonlySet<Mode> = new Set(['trail', 'river', 'sea']);

/**
 * Converts a parsed Flee folder. Flee routes carry only a distance, so money cost and hazards
 * are 0 unless the routes file has `cost_usd`, `robbery`, `injury` or `death` columns; the
 * link's `source` says so. Other columns are kept as `flee_<column>` properties, nothing is
 * dropped. Place ids are the Flee names, so closures and users' notes match by equality.
 */
export function fleeToCorredor(flee: FleeFolder, networkFile = 'network.geojson'): FleeImport {
  const features: Record<string, unknown>[] = [];
  for (const loc of flee.locations) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [loc.lon, loc.lat] },
      properties: {
        id: loc.name,
        name: loc.name,
        kind: KIND_BY_FLEE_TYPE[loc.type] ?? 'town',
        country: loc.country,
        state: loc.region,
        source: `Flee locations.csv line ${loc.line} (location_type ${loc.type || 'none'})`,
        ...prefixed(loc.extra),
      },
    });
  }

  const coords = new Map(flee.locations.map((l) => [l.name, [l.lon, l.lat]]));
  const used = new Map<string, number>();
  for (const r of flee.routes) {
    const mode: Mode = isMode(r.extra.mode) ? r.extra.mode : 'road';
    let id = defaultLinkId(r.name1, r.name2, mode);
    const seen = used.get(id) ?? 0;
    used.set(id, seen + 1);
    if (seen > 0) id = `${id}#${seen + 1}`;
    const given = (col: string) => (r.extra[col] !== undefined && r.extra[col] !== '' && Number.isFinite(Number(r.extra[col])) ? Number(r.extra[col]) : undefined);
    const hazardCols = ['cost_usd', 'robbery', 'injury', 'death'].filter((c) => given(c) !== undefined);
    const missing = ['cost_usd', 'robbery', 'injury', 'death'].filter((c) => !hazardCols.includes(c));
    const rest = Object.fromEntries(Object.entries(r.extra).filter(([k]) => !['mode', ...hazardCols].includes(k)));
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [coords.get(r.name1), coords.get(r.name2)] },
      properties: {
        id,
        from: r.name1,
        to: r.name2,
        mode,
        length_km: r.distance,
        cost_usd: given('cost_usd') ?? 0,
        robbery: given('robbery') ?? 0,
        injury: given('injury') ?? 0,
        death: given('death') ?? 0,
        remote: REMOTE_MODES.has(mode),
        source:
          `Flee routes.csv line ${r.line}` +
          (missing.length > 0 ? `; assumption: ${missing.join(', ')} = 0 because the Flee input has no such column` : ''),
        ...prefixed(rest),
      },
    });
  }

  const network = {
    type: 'FeatureCollection',
    properties: {
      name: `Flee import of ${flee.dir}`,
      description: `Imported by corredor import-flee from ${flee.locations.length} locations and ${flee.routes.length} routes.`,
      speeds_km_per_day: { ...DEFAULT_SPEEDS_KM_PER_DAY },
    },
    features,
  };

  const policies = flee.closures.map((c) => {
    const policy: Record<string, unknown> = {
      id: `flee-closure-line-${c.line}`,
      type: 'closure',
      enabled: true,
      from: addDays(flee.startDate, c.start),
    };
    // Flee reopens on closure_end; corredor's `to` is the last closed day, inclusive.
    if (c.end !== -1) policy.to = addDays(flee.startDate, Math.max(c.start, c.end - 1));
    if (c.type === 'link') policy.moves = [{ from: c.name1, to: c.name2 }];
    else if (c.type === 'location') policy.places = [c.name1];
    else policy.border = [c.name1, c.name2];
    policy.source = `Flee closures.csv line ${c.line}`;
    return policy;
  });

  const scenario = {
    name: `flee-import`,
    description: `Imported from the Flee folder ${flee.dir}: period from sim_period.csv, closures from closures.csv.`,
    network: networkFile,
    period: { start: flee.startDate, end: addDays(flee.startDate, flee.lengthDays - 1) },
    policies,
  };
  return { network, scenario };
}

function prefixed(extra: Readonly<Record<string, string>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(extra)) {
    const key = 'flee_' + k.replace(/[^a-z0-9_]+/gi, '_');
    out[key] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}
