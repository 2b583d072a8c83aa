import type { ValidateFunction } from 'ajv';
import { compileValidator } from '../core/compileValidator.js';
import { ProblemList } from '../core/errors.js';
import { greatCircleKm, lineLengthKm } from '../core/geo.js';
import { isJsonObject, parseJsonText } from '../core/parseJsonText.js';
import { schemaProblems } from '../core/schemaProblems.js';
import { MODES, type Mode, type PlaceKind } from './modes.js';
import { defaultLinkId, type Link, type Network, type Place } from './network.js';
import { NETWORK_SCHEMA } from './networkSchema.js';

/**
 * How far (km) a link's first or last vertex may lie from its place. GIS exports snap loosely;
 * more than this almost always means a reversed or misattached geometry.
 */
export const ENDPOINT_TOLERANCE_KM = 5;

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // Compiled on first use, not at import time: importing a module never does work.
  validator ??= compileValidator(NETWORK_SCHEMA);
  return validator;
}

type Json = Record<string, unknown>;

/**
 * Parses and validates a network GeoJSON text. Every problem in the file is reported in one
 * InputError, each naming the file, the feature (index and id) and the field. The result is
 * frozen and in canonical order (places and links sorted by id).
 */
export function parseNetwork(text: string, file: string): Network {
  const data = parseJsonText(text, file);
  const problems = new ProblemList(file);
  const features: unknown[] = isJsonObject(data) && Array.isArray(data.features) ? data.features : [];

  const locate = (pointer: string[]): string => {
    if (pointer[0] === 'features' && pointer.length >= 2) {
      const i = Number(pointer[1]);
      return `${featureLabel(features[i], i)}${pointer.length > 2 ? ' ' + pointer.slice(2).join('.') : ''}`;
    }
    return pointer.length === 0 ? 'top level' : pointer.join('.');
  };

  const validate = schemaValidator();
  if (!validate(data)) {
    for (const p of schemaProblems(validate.errors, data, locate)) problems.add(p.where, p.message);
  }
  if (!isJsonObject(data)) problems.throwIfAny();

  // Semantic checks run on whatever is well-formed enough, so one pass reports everything.
  const placeFeatures: { i: number; props: Json; coords: number[] }[] = [];
  const linkFeatures: { i: number; props: Json; coords: number[][] }[] = [];
  features.forEach((f, i) => {
    if (!isJsonObject(f) || !isJsonObject(f.geometry) || !isJsonObject(f.properties)) return;
    const g = f.geometry;
    if (g.type === 'Point' && isPosition(g.coordinates)) {
      placeFeatures.push({ i, props: f.properties, coords: g.coordinates as number[] });
    } else if (g.type === 'LineString' && Array.isArray(g.coordinates) && g.coordinates.length >= 2 && g.coordinates.every(isPosition)) {
      linkFeatures.push({ i, props: f.properties, coords: g.coordinates as number[][] });
    }
  });

  const placeById = new Map<string, { i: number; coords: number[] }>();
  for (const { i, props, coords } of placeFeatures) {
    if (typeof props.id !== 'string') continue;
    const earlier = placeById.get(props.id);
    if (earlier) {
      problems.add(`${featureLabel(features[i], i)} properties.id`, `duplicate place id; features[${earlier.i}] already uses it. Give each place its own id`);
    } else placeById.set(props.id, { i, coords });
  }

  const linkIds = new Map<string, number>();
  for (const { i, props, coords } of linkFeatures) {
    const label = featureLabel(features[i], i);
    const id = linkIdOf(props);
    if (id !== undefined) {
      const earlier = linkIds.get(id);
      if (earlier !== undefined) {
        problems.add(
          `${label} properties.id`,
          `duplicate link id ${JSON.stringify(id)}; features[${earlier}] already uses it. ` +
            (props.id === undefined ? 'Two links share from, to and mode: give them distinct "id" properties' : 'Give each link its own id'),
        );
      } else linkIds.set(id, i);
    }
    for (const end of ['from', 'to'] as const) {
      const ref = props[end];
      if (typeof ref !== 'string') continue;
      const place = placeById.get(ref);
      if (!place) {
        problems.add(`${label} properties.${end}`, `no place has id ${JSON.stringify(ref)}; add a Point feature with that id or fix the reference`);
        continue;
      }
      const vertex = end === 'from' ? coords[0] : coords[coords.length - 1];
      const gap = greatCircleKm(vertex, place.coords);
      if (gap > ENDPOINT_TOLERANCE_KM) {
        problems.add(
          `${label} geometry.coordinates`,
          `the line's ${end === 'from' ? 'first' : 'last'} vertex is ${gap.toFixed(1)} km from place ${JSON.stringify(ref)}; ` +
            `a link's geometry must run from its "from" place to its "to" place (within ${ENDPOINT_TOLERANCE_KM} km)`,
        );
      }
    }
    if (typeof props.from === 'string' && props.from === props.to) {
      problems.add(`${label} properties.to`, 'a link must join two different places; "from" and "to" are equal');
    }
    if (typeof props.length_km === 'number' && placeById.has(String(props.from)) && placeById.has(String(props.to))) {
      const straight = greatCircleKm(placeById.get(String(props.from))!.coords, placeById.get(String(props.to))!.coords);
      // A route cannot be shorter than the straight line between its ends (with slack for
      // rounding and for places given as town centres).
      if (props.length_km < 0.9 * straight - 0.5) {
        problems.add(
          `${label} properties.length_km`,
          `expected at least the straight-line distance between its places (${straight.toFixed(1)} km); got ${props.length_km}`,
        );
      }
    }
  }

  const kinds = new Set(placeFeatures.map((p) => p.props.kind));
  if (placeFeatures.length > 0 && !kinds.has('origin')) problems.add('features', 'no place has kind "origin"; agents need somewhere to start');
  if (placeFeatures.length > 0 && !kinds.has('destination')) problems.add('features', 'no place has kind "destination"; agents need somewhere to go');

  problems.throwIfAny();
  return buildNetwork(data as Json, placeFeatures, linkFeatures, file);
}

function buildNetwork(
  data: Json,
  placeFeatures: { props: Json; coords: number[] }[],
  linkFeatures: { props: Json; coords: number[][] }[],
  file: string,
): Network {
  const top = (data.properties ?? {}) as Json;
  const places: Place[] = placeFeatures
    .map(({ props, coords }) => ({
      index: 0,
      id: props.id as string,
      name: props.name as string,
      kind: props.kind as PlaceKind,
      country: props.country as string,
      state: typeof props.state === 'string' ? props.state : '',
      lon: coords[0],
      lat: coords[1],
      source: typeof props.source === 'string' ? props.source : '',
    }))
    .sort((a, b) => compareIds(a.id, b.id))
    .map((p, index) => Object.freeze({ ...p, index }));
  const placeIndex = new Map(places.map((p) => [p.id, p.index]));

  const links: Link[] = linkFeatures
    .map(({ props, coords }) => ({
      index: 0,
      id: linkIdOf(props)!,
      from: props.from as string,
      to: props.to as string,
      fromIndex: placeIndex.get(props.from as string)!,
      toIndex: placeIndex.get(props.to as string)!,
      mode: props.mode as Mode,
      lengthKm: typeof props.length_km === 'number' ? props.length_km : lineLengthKm(coords),
      costUsd: props.cost_usd as number,
      robbery: props.robbery as number,
      injury: props.injury as number,
      death: props.death as number,
      remote: props.remote as boolean,
      oneway: props.oneway === true,
      source: props.source as string,
      coordinates: Object.freeze(coords.map((c) => Object.freeze(c.slice(0, 2)))),
    }))
    .sort((a, b) => compareIds(a.id, b.id))
    .map((l, index) => Object.freeze({ ...l, index }));

  // Only the known modes are kept; the schema has already required each of them.
  const fileSpeeds = top.speeds_km_per_day as Record<Mode, number>;
  const speeds = Object.fromEntries(MODES.map((m) => [m, fileSpeeds[m]])) as Record<Mode, number>;

  return Object.freeze({
    file,
    name: typeof top.name === 'string' ? top.name : file,
    description: typeof top.description === 'string' ? top.description : '',
    places: Object.freeze(places),
    links: Object.freeze(links),
    speedsKmPerDay: Object.freeze(speeds),
    placeIndex,
    linkIndex: new Map(links.map((l) => [l.id, l.index])),
  });
}

/** Code-unit order, independent of locale, so the canonical order is the same everywhere. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function linkIdOf(props: Json): string | undefined {
  if (typeof props.id === 'string') return props.id;
  if (typeof props.from === 'string' && typeof props.to === 'string' && typeof props.mode === 'string') {
    return defaultLinkId(props.from, props.to, props.mode);
  }
  return undefined;
}

function featureLabel(feature: unknown, i: number): string {
  if (!isJsonObject(feature) || !isJsonObject(feature.properties)) return `features[${i}]`;
  const p = feature.properties;
  const geometryType = isJsonObject(feature.geometry) ? feature.geometry.type : undefined;
  if (geometryType === 'Point' && typeof p.id === 'string') return `features[${i}] (place ${JSON.stringify(p.id)})`;
  if (geometryType === 'LineString') {
    const id = linkIdOf(p);
    if (id !== undefined) return `features[${i}] (link ${JSON.stringify(id)})`;
  }
  return `features[${i}]`;
}


function isPosition(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length >= 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Math.abs(v[0]) <= 180 &&
    Math.abs(v[1]) <= 90
  );
}
