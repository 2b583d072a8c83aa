import type { MapFeature } from './mapGeoJson.js';
import type { RunFolder } from './readReportInput.js';

export interface FlowFeature extends MapFeature {
  readonly properties: MapFeature['properties'] & {
    flow: number;
    flow_ci_lo: number;
    flow_ci_hi: number;
    compared: number | null;
    change: number | null;
    /** What a map's line width shows: the larger of the two flows. */
    width: number;
  };
}

/**
 * Per-link flows joined to the run's map: the mean flow of `run` with its 95% CI, and with
 * `other` its mean flow and the change (other - run). `width` is the larger of the two flows,
 * so a route that emptied still shows on a map where its traffic was.
 */
export function flowFeatures(run: RunFolder, other?: RunFolder): FlowFeature[] {
  return run.map.features
    .filter((f) => f.properties.kind === 'link')
    .map((f) => {
      const id = String(f.properties.id);
      const own = run.flows.get(id) ?? { mean: 0, lo: 0, hi: 0 };
      const compared = other ? (other.flows.get(id)?.mean ?? 0) : null;
      return {
        ...f,
        properties: { ...f.properties, flow: own.mean, flow_ci_lo: own.lo, flow_ci_hi: own.hi, compared, change: compared === null ? null : compared - own.mean, width: Math.max(own.mean, compared ?? 0) },
      };
    });
}

/**
 * Per-link flows as GeoJSON for QGIS and kepler.gl: one LineString per link with its mode,
 * length, mean flow and CI and, with a comparison run, the compared flow and the change.
 */
export function flowGeoJson(run: RunFolder, other?: RunFolder): object {
  return {
    type: 'FeatureCollection',
    name: other ? `${run.label} vs ${other.label}: flow per link` : `${run.label}: flow per link`,
    features: flowFeatures(run, other).map((f) => {
      const { width: _width, kind: _kind, ...properties } = f.properties;
      return { type: 'Feature', geometry: f.geometry, properties: other ? { ...properties, compared_run: other.label } : properties };
    }),
  };
}
