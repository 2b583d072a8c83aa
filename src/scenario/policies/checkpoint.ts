import type { PolicyType } from './policyType.js';
import { checkIds, combine, indicesOf, linkList, placeList, probability } from './targets.js';

/**
 * Fixed or mobile INM checkpoints: a chance of interception at given places (on arrival) and
 * links (per traversal). With `sample`, only `count` of the listed sites are manned, drawn
 * afresh for each replicate and, with `every_days`, again every so many days: unpredictable
 * enforcement, a policy question of its own.
 */
export const checkpoint: PolicyType = {
  type: 'checkpoint',
  summary: 'interception probability at given places or links (fixed or mobile checkpoints)',
  phase: 'enforcement',
  properties: {
    places: placeList,
    links: linkList,
    interception: probability,
    sample: {
      type: 'object',
      required: ['count'],
      additionalProperties: false,
      properties: { count: { type: 'integer', minimum: 1 }, every_days: { type: 'integer', minimum: 1 } },
    },
  },
  required: ['interception'],
  check(spec, ctx, report) {
    checkIds(spec.places, ctx.placeIndex, 'place', 'places', report);
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
    if (!Array.isArray(spec.places) && !Array.isArray(spec.links)) report('places', 'a checkpoint needs "places" or "links" (or both)');
  },
  apply(spec, state, ctx, draw) {
    const q = spec.interception as number;
    const sites = [...indicesOf(spec.places, ctx.placeIndex).map((p) => ({ place: p })), ...indicesOf(spec.links, ctx.linkIndex).map((l) => ({ link: l }))];
    const sample = spec.sample as { count: number } | undefined;
    let chosen = sites;
    if (sample && sample.count < sites.length) {
      // Partial Fisher-Yates from the policy's own stream: the same sites for the same seed.
      const stream = draw();
      chosen = sites.slice();
      for (let k = 0; k < sample.count; k++) {
        const j = k + Math.floor(stream.double() * (chosen.length - k));
        [chosen[k], chosen[j]] = [chosen[j], chosen[k]];
      }
      chosen = chosen.slice(0, sample.count);
    }
    for (const site of chosen) {
      if ('place' in site) state.placeInterception[site.place] = combine(state.placeInterception[site.place], q);
      else state.linkInterception[site.link] = combine(state.linkInterception[site.link], q);
    }
  },
};
