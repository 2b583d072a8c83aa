import type { Network } from '../network/network.js';
import type { PolicyFootprint } from '../scenario/policyFootprint.js';

/** One GeoJSON feature of the run's map: a place (Point) or a link (LineString). */
export interface MapFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point' | 'LineString'; readonly coordinates: unknown };
  readonly properties: Record<string, unknown>;
}

export interface MapGeoJson {
  readonly type: 'FeatureCollection';
  readonly name: string;
  /** Foreign member (RFC 7946 section 6.1): the enabled policies, with their windows. */
  readonly policies: readonly { id: string; type: string; from: string; to: string; sampled: boolean }[];
  readonly features: readonly MapFeature[];
}

/**
 * The network a run used, as GeoJSON, with each place and link naming the policies that act
 * on it. A run folder holds it as map.geojson, so a report (or QGIS) can draw the run without
 * the scenario file, which may have moved or been run with --set overrides.
 */
export function mapGeoJson(network: Network, footprints: readonly PolicyFootprint[]): MapGeoJson {
  const atPlace = new Map<number, string[]>();
  const atLink = new Map<number, string[]>();
  for (const f of footprints) {
    for (const p of f.places) atPlace.set(p, [...(atPlace.get(p) ?? []), f.id]);
    for (const l of f.links) atLink.set(l, [...(atLink.get(l) ?? []), f.id]);
  }
  const places: MapFeature[] = network.places.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: { kind: 'place', id: p.id, name: p.name, place_kind: p.kind, country: p.country, state: p.state, policies: atPlace.get(p.index) ?? [] },
  }));
  const links: MapFeature[] = network.links.map((l) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: l.coordinates },
    properties: { kind: 'link', id: l.id, from: l.from, to: l.to, mode: l.mode, km: l.lengthKm, remote: l.remote, policies: atLink.get(l.index) ?? [] },
  }));
  return {
    type: 'FeatureCollection',
    name: network.name,
    policies: footprints.map(({ id, type, from, to, sampled }) => ({ id, type, from, to, sampled })),
    features: [...places, ...links],
  };
}
