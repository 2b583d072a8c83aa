import type { PolicyType } from './policyType.js';
import { checkIds, indicesOf, linkList, placeList } from './targets.js';

/**
 * Closes links (both ways), places (every link touching them), single directions of travel
 * (`moves`: from a place to a neighbour, as Flee's link closures do), or the border between two
 * countries (every link joining them, both ways).
 */
export const closure: PolicyType = {
  type: 'closure',
  summary: 'closes links, places, directions of travel, or a border between two countries',
  phase: 'enforcement',
  properties: {
    links: linkList,
    places: placeList,
    moves: {
      type: 'array',
      items: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string' }, to: { type: 'string' } } },
    },
    border: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string' }, description: 'two country codes' },
  },
  required: [],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
    const moves = (spec.moves as { from: string; to: string }[] | undefined) ?? [];
    moves.forEach((m, k) => {
      for (const end of ['from', 'to'] as const) if (!ctx.placeIndex.has(m[end])) report(`moves[${k}].${end}`, `no place with id ${JSON.stringify(m[end])} in the network`);
    });
    const border = spec.border as string[] | undefined;
    border?.forEach((c, k) => {
      if (!ctx.net.meta.countries.includes(c)) report(`border[${k}]`, `no place has country ${JSON.stringify(c)}; the network has ${ctx.net.meta.countries.join(', ')}`);
    });
    if (!spec.links && !spec.places && !spec.moves && !spec.border) report('links', 'a closure needs "links", "places", "moves" or "border"');
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const links = new Set(indicesOf(spec.links, ctx.linkIndex));
    const places = new Set(indicesOf(spec.places, ctx.placeIndex));
    const moves = ((spec.moves as { from: string; to: string }[] | undefined) ?? []).map((m) => [ctx.placeIndex.get(m.from)!, ctx.placeIndex.get(m.to)!]);
    const border = (spec.border as string[] | undefined)?.map((c) => net.meta.countries.indexOf(c));
    for (let a = 0; a < net.arcCount; a++) {
      const l = net.arcLink[a];
      const tail = net.arcReverse[a] ? net.linkTo[l] : net.linkFrom[l];
      const head = net.arcTarget[a];
      const crossesBorder =
        border !== undefined &&
        ((net.placeCountry[tail] === border[0] && net.placeCountry[head] === border[1]) || (net.placeCountry[tail] === border[1] && net.placeCountry[head] === border[0]));
      if (links.has(l) || places.has(tail) || places.has(head) || crossesBorder || moves.some(([f, t]) => f === tail && t === head)) state.closedArcs[a] = 1;
    }
  },
};
