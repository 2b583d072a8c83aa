import type { PolicyType } from './policyType.js';
import { checkIds, combine, indicesOf, linkList, mainLinksInCountry, probability } from './targets.js';

/**
 * Highway inspections: INM and police stop buses and combis between the fixed posts (298
 * highway inspections against 38 railway operations in February 2011, INM via EFE,
 * corridor-research.md). Interception per traversal of every main road of the destination
 * country (road links, not remote, both ends in that country), or of the links listed. This is
 * what keeps people without papers off the bus between the posts, and walkers on the highway
 * meet it too; footpaths, the train and boats do not.
 */
export const highwayInspection: PolicyType = {
  type: 'highway_inspection',
  summary: 'inspections of buses and combis on the main roads: interception per road leg',
  phase: 'enforcement',
  properties: { links: linkList, interception: probability },
  required: ['interception'],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const q = spec.interception as number;
    const links = Array.isArray(spec.links) ? indicesOf(spec.links, ctx.linkIndex) : mainLinksInCountry(ctx.net, ['road']);
    for (const l of links) state.linkInterception[l] = combine(state.linkInterception[l], q);
  },
};
