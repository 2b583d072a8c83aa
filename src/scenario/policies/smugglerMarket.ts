import type { CompiledNetwork } from '../../network/compiledNetwork.js';
import type { PolicyState } from '../policyTimeline.js';
import type { PolicyType } from './policyType.js';
import { checkIds, indicesOf, linkList, linksOfModes, mainLinksInCountry } from './targets.js';

/**
 * Smugglers charge more when enforcement rises. The enforcement index E is the mean chance of
 * being caught on a watched link of the destination country (roads and rail, not remote legs),
 * counting the checkpoints at both its ends, in the state the other policies built; the price
 * of smuggler links is multiplied by
 *
 *   ((E + 0.01) / (reference_interception + 0.01)) ^ elasticity
 *
 * (the 0.01 keeps the ratio finite without enforcement). At the reference level prices are the
 * network's. Applied last, after every enforcement policy of the day.
 */
export const smugglerMarket: PolicyType = {
  type: 'smuggler_market',
  summary: 'smuggler prices rise with enforcement through an elasticity',
  phase: 'market',
  properties: { elasticity: { type: 'number', minimum: 0 }, reference_interception: { type: 'number', minimum: 0, maximum: 1 }, links: linkList },
  required: ['elasticity', 'reference_interception'],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const e = enforcementIndex(state, net);
    const multiplier = Math.pow((e + 0.01) / ((spec.reference_interception as number) + 0.01), spec.elasticity as number);
    const links = Array.isArray(spec.links) ? indicesOf(spec.links, ctx.linkIndex) : linksOfModes(ctx, ['smuggler']);
    for (const l of links) state.extraCostUsd[l] += net.linkCost[l] * (multiplier - 1);
  },
};

/** Mean chance of being caught on a watched (road or rail, not remote) link of the destination country. */
export function enforcementIndex(state: PolicyState, net: CompiledNetwork): number {
  const links = mainLinksInCountry(net, ['road', 'rail']);
  let sum = 0;
  for (const l of links) {
    sum += 1 - (1 - state.linkInterception[l]) * (1 - state.placeInterception[net.linkFrom[l]]) * (1 - state.placeInterception[net.linkTo[l]]);
  }
  return links.length > 0 ? sum / links.length : 0;
}
