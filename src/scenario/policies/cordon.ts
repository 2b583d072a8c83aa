import { WATCHED_MODES } from '../../network/modes.js';
import type { PolicyType } from './policyType.js';
import { checkIds, combine, indicesOf, linkList, linksAt, modeList, placeList, probability } from './targets.js';

/**
 * A named line of checkpoints, e.g. the Isthmus cordon between Coatzacoalcos and Salina Cruz
 * or the Huixtla-Huehuetán belt: interception on every link of the given modes that touches
 * the line's places (by default roads, rail and smuggler vehicles: the watched ways, not the
 * trails and boats that go around), plus any links listed.
 */
export const cordon: PolicyType = {
  type: 'cordon',
  summary: 'a named line of checkpoints across the watched routes through given places',
  phase: 'enforcement',
  properties: { name: { type: 'string' }, places: placeList, links: linkList, modes: modeList, interception: probability },
  required: ['places', 'interception'],
  check(spec, ctx, report) {
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const q = spec.interception as number;
    const modes = (spec.modes as string[] | undefined) ?? WATCHED_MODES;
    const links = new Set([...linksAt(ctx, indicesOf(spec.places, ctx.placeIndex), modes), ...indicesOf(spec.links, ctx.linkIndex)]);
    for (const l of links) state.linkInterception[l] = combine(state.linkInterception[l], q);
  },
};
