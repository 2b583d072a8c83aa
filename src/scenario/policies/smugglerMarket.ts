import type { PolicyType } from './policyType.js';
import { enforcementIndex, enforcementResponse, responseProperties } from './enforcementIndex.js';
import { checkIds, indicesOf, linkList, linksOfModes } from './targets.js';

/**
 * Smugglers charge more when enforcement rises. The price of smuggler links is multiplied by
 * enforcementResponse(E, reference_interception, elasticity), where E is the enforcement index
 * (enforcementIndex.ts) of the state the other policies built. At the reference level prices
 * are the network's. Applied in the market phase, after every enforcement policy of the day.
 */
export const smugglerMarket: PolicyType = {
  type: 'smuggler_market',
  summary: 'smuggler prices rise with enforcement through an elasticity',
  phase: 'market',
  properties: { ...responseProperties, links: linkList },
  required: ['elasticity', 'reference_interception'],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const multiplier = enforcementResponse(enforcementIndex(state, net), spec.reference_interception as number, spec.elasticity as number);
    const links = Array.isArray(spec.links) ? indicesOf(spec.links, ctx.linkIndex) : linksOfModes(ctx, ['smuggler']);
    for (const l of links) state.extraCostUsd[l] += net.linkCost[l] * (multiplier - 1);
  },
};
