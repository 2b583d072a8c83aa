import fc from 'fast-check';
import { greatCircleKm } from '../../src/core/geo.js';
import { MODES, PLACE_KINDS } from '../../src/network/modes.js';

/** A network GeoJSON object as a user would write it: plain JSON, not yet validated. */
export type NetworkJson = { type: 'FeatureCollection'; properties: Record<string, unknown>; features: Record<string, unknown>[] };

export const SPEEDS = { road: 80, smuggler: 400, rail: 150, trail: 25, river: 60, sea: 150 };

export function place(id: string, lon: number, lat: number, kind: string = 'town', extra: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { id, name: id, kind, country: 'MEX', state: 'Chiapas', source: 'test', ...extra },
  };
}

export function link(from: [string, number, number], to: [string, number, number], props: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [[from[1], from[2]], [to[1], to[2]]] },
    properties: {
      from: from[0],
      to: to[0],
      mode: 'road',
      cost_usd: 1,
      robbery: 0.01,
      injury: 0.001,
      death: 0.0001,
      remote: false,
      source: 'test',
      ...props,
    },
  };
}

export function collection(features: Record<string, unknown>[]): NetworkJson {
  return { type: 'FeatureCollection', properties: { name: 'test', speeds_km_per_day: { ...SPEEDS } }, features };
}

/** A hand-built three-place network: origin o - town t - destination d, plus a remote trail o-d. */
export function tinyNetwork(): NetworkJson {
  const o: [string, number, number] = ['o', -92.0, 15.0];
  const t: [string, number, number] = ['t', -92.5, 15.5];
  const d: [string, number, number] = ['d', -93.0, 16.0];
  return collection([
    place('o', o[1], o[2], 'origin'),
    place('t', t[1], t[2]),
    place('d', d[1], d[2], 'destination'),
    link(o, t),
    link(t, d, { mode: 'rail' }),
    link(o, d, { mode: 'trail', remote: true, robbery: 0.2 }),
  ]);
}

export interface GeneratedNetwork {
  readonly json: NetworkJson;
  readonly placeCount: number;
}

/**
 * Random valid networks: places scattered over the corridor's bounding box, random links
 * (parallel links, one-way links and all modes included), at least one origin and one
 * destination. Links get explicit ids so parallel links of one mode are legal. Lengths are
 * free (geodesic length or longer), so path costs differ from straight-line distances.
 */
export function arbNetwork(options: { minPlaces?: number; maxPlaces?: number; maxLinks?: number } = {}): fc.Arbitrary<GeneratedNetwork> {
  const { minPlaces = 2, maxPlaces = 25, maxLinks = 60 } = options;
  return fc
    .integer({ min: minPlaces, max: maxPlaces })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        coords: fc.array(fc.tuple(fc.double({ min: -97, max: -88, noNaN: true }), fc.double({ min: 13, max: 20, noNaN: true })), { minLength: n, maxLength: n }),
        kinds: fc.array(fc.constantFrom(...PLACE_KINDS), { minLength: n, maxLength: n }),
        // A random spanning tree of two-way links keeps every place connected, so agents move.
        parents: fc.array(fc.nat(), { minLength: n, maxLength: n }),
        treeModes: fc.array(fc.constantFrom(...MODES), { minLength: n, maxLength: n }),
        links: fc.array(
          fc.record({
            a: fc.nat(n - 1),
            b: fc.nat(n - 1),
            mode: fc.constantFrom(...MODES),
            stretch: fc.double({ min: 1, max: 3, noNaN: true }),
            cost: fc.double({ min: 0, max: 500, noNaN: true }),
            p: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
            remote: fc.boolean(),
            oneway: fc.boolean(),
          }),
          { maxLength: maxLinks },
        ),
      }),
    )
    .map(({ n, coords, kinds, parents, treeModes, links }) => {
      const ids = coords.map((_, i) => `p${String(i).padStart(2, '0')}`);
      // Make sure an origin and a destination exist.
      kinds[0] = 'origin';
      kinds[n - 1] = 'destination';
      const features: Record<string, unknown>[] = ids.map((id, i) => place(id, coords[i][0], coords[i][1], kinds[i]));
      for (let i = 1; i < n; i++) {
        const j = parents[i] % i;
        features.push(
          link([ids[j], coords[j][0], coords[j][1]], [ids[i], coords[i][0], coords[i][1]], {
            id: `t${String(i).padStart(3, '0')}`,
            mode: treeModes[i],
            remote: i % 2 === 0,
          }),
        );
      }
      links.forEach((l, k) => {
        if (l.a === l.b) return;
        const from: [string, number, number] = [ids[l.a], coords[l.a][0], coords[l.a][1]];
        const to: [string, number, number] = [ids[l.b], coords[l.b][0], coords[l.b][1]];
        const f = link(from, to, {
          id: `l${String(k).padStart(3, '0')}`,
          mode: l.mode,
          cost_usd: l.cost,
          robbery: l.p[0],
          injury: l.p[1],
          death: l.p[2],
          remote: l.remote,
          oneway: l.oneway,
        });
        // Half the links state a length (up to 3x the straight line); the rest default to it.
        if (l.stretch > 2) (f.properties as Record<string, unknown>).length_km = Math.round(greatCircleKm(from.slice(1) as number[], to.slice(1) as number[]) * l.stretch * 1000) / 1000;
        features.push(f);
      });
      return { json: collection(features), placeCount: n };
    });
}
