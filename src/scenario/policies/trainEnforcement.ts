import type { PolicyType } from './policyType.js';
import { checkIds, combine, factor, indicesOf, linkList, linksOfModes, probability } from './targets.js';

/**
 * Raids on the freight train: interception and injury on rail links (all of them, or those
 * listed), optionally faster trains that are harder and more dangerous to board, or no riding
 * at all (`close: true`).
 */
export const trainEnforcement: PolicyType = {
  type: 'train_enforcement',
  summary: 'raids on the freight rail: interception, injury, faster trains or closure',
  phase: 'enforcement',
  properties: {
    links: linkList,
    interception: probability,
    injury_factor: factor,
    death_factor: factor,
    speed_factor: { type: 'number', exclusiveMinimum: 0 },
    close: { type: 'boolean' },
  },
  required: ['interception'],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const links = Array.isArray(spec.links) ? indicesOf(spec.links, ctx.linkIndex) : linksOfModes(ctx, ['rail']);
    const q = spec.interception as number;
    for (const l of links) {
      state.linkInterception[l] = combine(state.linkInterception[l], q);
      state.injuryFactor[l] *= (spec.injury_factor as number | undefined) ?? 1;
      state.deathFactor[l] *= (spec.death_factor as number | undefined) ?? 1;
      state.speedFactor[l] *= (spec.speed_factor as number | undefined) ?? 1;
    }
    if (spec.close === true) {
      for (let a = 0; a < net.arcCount; a++) if (links.includes(net.arcLink[a])) state.closedArcs[a] = 1;
    }
  },
};
