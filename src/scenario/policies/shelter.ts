import type { PolicyType } from './policyType.js';
import { checkIds, factor, indicesOf, linksAt, placeList } from './targets.js';

/**
 * Shelters: lower hazards on the links touching the given places (travellers rest, travel in
 * groups, get warnings) and, unless `informs: false`, share what the community knows with the
 * agents who pass. Shelter places of the network inform by default; `informs: false` models a
 * shelter closed or raided.
 */
export const shelter: PolicyType = {
  type: 'shelter',
  summary: 'lowers hazards around places and shares current information with agents',
  phase: 'enforcement',
  properties: { places: placeList, hazard_factor: factor, informs: { type: 'boolean' } },
  required: ['places'],
  check(spec, ctx, report) {
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
  },
  apply(spec, state, ctx) {
    const places = indicesOf(spec.places, ctx.placeIndex);
    const f = (spec.hazard_factor as number | undefined) ?? 1;
    for (const l of linksAt(ctx, places, null)) {
      state.robberyFactor[l] *= f;
      state.injuryFactor[l] *= f;
      state.deathFactor[l] *= f;
    }
    for (const p of places) state.informs[p] = spec.informs === false ? 0 : 1;
  },
};
