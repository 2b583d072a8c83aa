import type { PolicyType } from './policyType.js';
import { checkIds, combine, factor, indicesOf, linkList, linksAt, linksOfModes, placeList, probability } from './targets.js';

/**
 * Naval bases on the Suchiate and the Usumacinta: interception on river links, those touching
 * the listed places, the listed links, or every river link when neither is given. Patrols can
 * also make crossings deadlier (night crossings, overloaded boats): `death_factor`.
 */
export const riverPatrol: PolicyType = {
  type: 'river_patrol',
  summary: 'naval patrols: interception (and optionally more danger) on river crossings',
  phase: 'enforcement',
  properties: { places: placeList, links: linkList, interception: probability, death_factor: factor },
  required: ['interception'],
  check(spec, ctx, report) {
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const q = spec.interception as number;
    const explicit = Array.isArray(spec.places) || Array.isArray(spec.links);
    const links = explicit
      ? new Set([...linksAt(ctx, indicesOf(spec.places, ctx.placeIndex), ['river']), ...indicesOf(spec.links, ctx.linkIndex)])
      : new Set(linksOfModes(ctx, ['river']));
    const death = (spec.death_factor as number | undefined) ?? 1;
    for (const l of links) {
      state.linkInterception[l] = combine(state.linkInterception[l], q);
      state.deathFactor[l] *= death;
    }
  },
};
