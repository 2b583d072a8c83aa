import { MODES } from '../../network/modes.js';
import type { PolicyType } from './policyType.js';
import { checkIds, combine, indicesOf, linkList, placeList, probability } from './targets.js';

/**
 * Troops spread over a region (named places and links, or a polygon). Interception at each
 * watched site rises with troop density with diminishing returns:
 *
 *   q = max_interception * (1 - exp(-density / troops_scale)),  density = troops / sites
 *
 * so doubling a thin deployment nearly doubles its effect, while doubling a dense one adds
 * little: troops cannot watch more ground than there is. A site is a place of the region or a
 * link with both ends in it; remote links (trails, boats) get `remote_factor` of the chance,
 * since troops hold roads, towns and crossings. Parameter sources: docs/scenarios.md.
 */
export const deployment: PolicyType = {
  type: 'deployment',
  summary: 'troops over a region; interception rises with density, with diminishing returns',
  phase: 'enforcement',
  properties: {
    troops: { type: 'number', minimum: 0 },
    places: placeList,
    links: linkList,
    polygon: {
      type: 'array',
      minItems: 3,
      items: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'number', minimum: -180, maximum: 180 }, { type: 'number', minimum: -90, maximum: 90 }] },
      description: 'a ring of [lon, lat] positions; places inside it are in the region',
    },
    max_interception: probability,
    troops_scale: { type: 'number', exclusiveMinimum: 0 },
    remote_factor: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['troops', 'max_interception', 'troops_scale'],
  check(spec, ctx, report) {
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
    if (!Array.isArray(spec.places) && !Array.isArray(spec.links) && !Array.isArray(spec.polygon)) report('places', 'a deployment needs a region: "places", "links" or "polygon"');
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const inRegion = new Uint8Array(net.placeCount);
    for (const p of indicesOf(spec.places, ctx.placeIndex)) inRegion[p] = 1;
    const polygon = spec.polygon as number[][] | undefined;
    if (polygon) for (let p = 0; p < net.placeCount; p++) if (insidePolygon(net.placeLon[p], net.placeLat[p], polygon)) inRegion[p] = 1;
    const links = new Set(indicesOf(spec.links, ctx.linkIndex));
    for (let l = 0; l < net.linkCount; l++) if (inRegion[net.linkFrom[l]] && inRegion[net.linkTo[l]]) links.add(l);
    let places = 0;
    for (let p = 0; p < net.placeCount; p++) places += inRegion[p];
    const sites = places + links.size;
    if (sites === 0) return;
    const density = (spec.troops as number) / sites;
    const q = (spec.max_interception as number) * (1 - Math.exp(-density / (spec.troops_scale as number)));
    const remoteFactor = (spec.remote_factor as number | undefined) ?? 0.25;
    for (let p = 0; p < net.placeCount; p++) if (inRegion[p]) state.placeInterception[p] = combine(state.placeInterception[p], q);
    for (const l of links) {
      const here = net.linkRemote[l] || net.linkMode[l] === MODES.indexOf('sea') ? q * remoteFactor : q;
      state.linkInterception[l] = combine(state.linkInterception[l], here);
    }
  },
};

/** Ray casting; the ring may be open or closed. */
function insidePolygon(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
