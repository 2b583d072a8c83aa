import type { CompiledNetwork } from '../../network/compiledNetwork.js';
import type { PolicyState } from '../policyTimeline.js';
import { mainLinksInCountry } from './targets.js';

/**
 * Mean chance of being caught on a watched (road or rail, not remote) link of the destination
 * country, counting the posts at both its ends, in the state the enforcement policies built.
 * The market-phase policies (smuggler prices, clandestine hazards) respond to it.
 */
export function enforcementIndex(state: PolicyState, net: CompiledNetwork): number {
  const links = mainLinksInCountry(net, ['road', 'rail']);
  let sum = 0;
  for (const l of links) {
    sum += 1 - (1 - state.linkInterception[l]) * (1 - state.placeInterception[net.linkFrom[l]]) * (1 - state.placeInterception[net.linkTo[l]]);
  }
  return links.length > 0 ? sum / links.length : 0;
}

/**
 * How much a quantity that responds to enforcement is multiplied by, at enforcement index `e`:
 *
 *   ((e + 0.01) / (reference + 0.01)) ^ elasticity
 *
 * 1 at the reference level. The 0.01 keeps the ratio finite without enforcement.
 */
export function enforcementResponse(e: number, reference: number, elasticity: number): number {
  return Math.pow((e + 0.01) / (reference + 0.01), elasticity);
}

/** The schema of the two fields every enforcement-responsive policy has. */
export const responseProperties = {
  elasticity: { type: 'number', minimum: 0 },
  reference_interception: { type: 'number', minimum: 0, maximum: 1 },
} as const;
